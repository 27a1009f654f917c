package dev.rfm.domain.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The data source reads its own settings and never connects with an expression a container left unresolved. */
class RfmDataSourceTest {

    private static final String KEY = "rfm.test.datasource.setting";

    @AfterEach
    void clearProperty() {
        System.clearProperty(KEY);
    }

    @Test
    void anUnresolvedExpressionFallsBackToTheSettingOrItsDefault() {
        assertThat(RfmDataSource.setting("${MPCONFIG=" + KEY + "}", KEY, "rfm")).isEqualTo("rfm");
        System.setProperty(KEY, "from-property");
        assertThat(RfmDataSource.setting("${MPCONFIG=" + KEY + "}", KEY, "rfm")).isEqualTo("from-property");
        assertThat(RfmDataSource.setting(null, KEY, "rfm")).isEqualTo("from-property");
        assertThat(RfmDataSource.setting("", KEY, "rfm")).isEqualTo("from-property");
    }

    @Test
    void aRealValueFromTheContainerIsUsed() {
        System.setProperty(KEY, "from-property");
        assertThat(RfmDataSource.setting("given", KEY, "rfm")).isEqualTo("given");
    }

    @Test
    void connectsWithTheConfiguredCredentialsWhenTheContainerPassesExpressions() throws Exception {
        RfmDataSource dataSource = new RfmDataSource();
        dataSource.setUrl("jdbc:h2:mem:rfm-datasource-test;DB_CLOSE_DELAY=-1");
        dataSource.setUser("${MPCONFIG=rfm.db.user}");
        dataSource.setPassword("${MPCONFIG=rfm.db.password}");

        try (Connection first = dataSource.getConnection()) {
            assertThat(first.getMetaData().getUserName()).isEqualToIgnoringCase("rfm");
        }
        try (Connection second = dataSource.getConnection("${MPCONFIG=rfm.db.user}", "${MPCONFIG=rfm.db.password}")) {
            assertThat(second.getMetaData().getUserName()).isEqualToIgnoringCase("rfm");
        }
        try (Connection third = dataSource.getConnection("", "")) {
            assertThat(third.getMetaData().getUserName()).isEqualToIgnoringCase("rfm");
        }
    }
}
