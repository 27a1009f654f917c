package dev.rfm.web.segment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rfm.domain.user.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every method of the custom rules resource declares its roles ({@code RoleCheck} enforces them): reading the rules
 * is for every role, changing or previewing them for ADMIN and ANALYST.
 */
class CustomRuleResourceRolesTest {

    @Test
    void readsAreForEveryRoleChangesAndPreviewsForAdminAndAnalyst() {
        List<Method> endpoints = Arrays.stream(CustomRuleResource.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(GET.class)
                        || m.isAnnotationPresent(POST.class)
                        || m.isAnnotationPresent(PUT.class)
                        || m.isAnnotationPresent(DELETE.class))
                .toList();
        assertThat(endpoints).extracting(Method::getName).containsExactlyInAnyOrder("rules", "replace", "preview");
        for (Method endpoint : endpoints) {
            RolesAllowed roles = endpoint.getAnnotation(RolesAllowed.class);
            assertThat(roles).as(endpoint.getName() + " declares its roles").isNotNull();
            if (endpoint.isAnnotationPresent(GET.class)) {
                assertThat(roles.value())
                        .as(endpoint.getName())
                        .containsExactlyInAnyOrder(Role.ADMIN_NAME, Role.ANALYST_NAME, Role.VIEWER_NAME);
            } else {
                assertThat(roles.value())
                        .as(endpoint.getName())
                        .containsExactlyInAnyOrder(Role.ADMIN_NAME, Role.ANALYST_NAME);
            }
        }
    }
}
