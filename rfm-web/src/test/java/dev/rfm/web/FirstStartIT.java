package dev.rfm.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first start without {@code RFM_ADMIN_PASSWORD}, as a new user runs the product: the generated admin password
 * is printed once, must be replaced before anything else, and the replacement survives a restart (it used to be
 * changeable only through the environment variable).
 */
@ExtendWith(FreshDatabase.class)
class FirstStartIT {

    private static final Pattern GENERATED = Pattern.compile("Generated password of the admin user 'admin': (\\S+)");

    @TempDir
    Path dataDir;

    @Test
    void theGeneratedAdminPasswordMustBeChangedFirstAndTheNewOneLastsAcrossRestarts() throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("RFM_ADMIN_PASSWORD", null);
        settings.put("RFM_DEMO_DATA", "false");
        settings.put("RFM_SCORING_SCHEDULE", "0 0 4");
        String generated;
        try (BundleProcess server = BundleProcess.start("first-start", dataDir, settings)) {
            Matcher printed = GENERATED.matcher(server.log());
            assertThat(printed.find())
                    .as("the generated password is in the log")
                    .isTrue();
            generated = printed.group(1);
            ApiClient api = server.api();

            HttpResponse<String> blocked = api.get("api/imports", "admin", generated);
            assertThat(blocked.statusCode()).isEqualTo(403);
            assertThat(Json.createReader(new StringReader(blocked.body()))
                            .readObject()
                            .getString("error"))
                    .isEqualTo("PASSWORD_CHANGE_REQUIRED");
            HttpResponse<String> changed = api.send(
                    "PUT",
                    "api/users/me/password",
                    "admin",
                    generated,
                    "application/json",
                    "{\"currentPassword\":\"" + generated + "\",\"newPassword\":\"my-own-admin-password\"}");
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
            assertThat(api.get("api/imports", "admin", "my-own-admin-password").statusCode())
                    .isEqualTo(200);
        }
        try (BundleProcess again = BundleProcess.start("first-start-again", dataDir, settings)) {
            assertThat(GENERATED.matcher(again.log()).find())
                    .as("no new password at a restart")
                    .isFalse();
            assertThat(again.api()
                            .get("api/imports", "admin", "my-own-admin-password")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(again.api().get("api/imports", "admin", generated).statusCode())
                    .isEqualTo(401);
        }
    }
}
