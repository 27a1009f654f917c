package dev.rfm.web.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rfm.domain.database.SchemaMigration;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.junit.jupiter.api.Test;

/** The public health check says the database is down, never what the driver said (hosts, users, paths). */
class DatabaseReadinessTest {

    /** Outside the server there is no MicroProfile Health implementation: a minimal builder. */
    static final class Builder extends HealthCheckResponseBuilder {
        private String name;
        private HealthCheckResponse.Status status = HealthCheckResponse.Status.DOWN;
        private final Map<String, Object> data = new LinkedHashMap<>();

        @Override
        public HealthCheckResponseBuilder name(String name) {
            this.name = name;
            return this;
        }

        @Override
        public HealthCheckResponseBuilder withData(String key, String value) {
            data.put(key, value);
            return this;
        }

        @Override
        public HealthCheckResponseBuilder withData(String key, long value) {
            data.put(key, value);
            return this;
        }

        @Override
        public HealthCheckResponseBuilder withData(String key, boolean value) {
            data.put(key, value);
            return this;
        }

        @Override
        public HealthCheckResponseBuilder up() {
            return status(true);
        }

        @Override
        public HealthCheckResponseBuilder down() {
            return status(false);
        }

        @Override
        public HealthCheckResponseBuilder status(boolean up) {
            status = up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN;
            return this;
        }

        @Override
        public HealthCheckResponse build() {
            return new HealthCheckResponse(name, status, Optional.of(data));
        }
    }

    @Test
    void downWithWordsAndAnErrorIdButNoDriverText() {
        HealthCheckResponse.setResponseProvider(Builder::new);
        DatabaseReadiness readiness = new DatabaseReadiness();
        readiness.migration = new SchemaMigration();
        readiness.dataSource = (DataSource) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    throw new SQLException("Connection to db-secret.internal:5432 refused for user rfm_owner", "08001");
                });

        HealthCheckResponse response = readiness.call();

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        String error = String.valueOf(response.getData().orElseThrow().get("error"));
        assertThat(error)
                .matches("The database cannot be reached \\(error id [0-9a-f]{8}; the details are in the server"
                        + " log\\)")
                .doesNotContain("db-secret")
                .doesNotContain("rfm_owner");
    }
}
