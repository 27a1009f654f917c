package dev.rfm.domain.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checks of a data source's fields, and the schedule forms. */
class SourceDefinitionTest {

    private static final List<String> POSTGRES_ONLY = List.of("jdbc:postgresql:");

    @Test
    void everyInvalidFieldIsNamed() {
        InvalidSourceException e = catchThrowableOfType(
                InvalidSourceException.class,
                () -> SourceDefinition.of(
                        " ",
                        "jdbc:h2:mem:x",
                        null,
                        "delete from orders",
                        "updated at",
                        "at noon",
                        -1,
                        true,
                        POSTGRES_ONLY,
                        List.of()));

        assertThat(e.problems())
                .containsOnlyKeys("name", "jdbcUrl", "query", "watermarkColumn", "schedule", "overlapMinutes");
        assertThat(e.problems().get("jdbcUrl"))
                .isEqualTo("must start with one of [jdbc:postgresql:] (RFM_SOURCE_URL_PREFIXES)");
        assertThat(e.problems().get("query")).isEqualTo("must be one SELECT (or WITH ... SELECT) statement");
    }

    @Test
    void aWholeUrlTheServerOffersIsAllowedExactlyAsWritten() {
        String demoShop = "jdbc:h2:file:/data/demo-shop;IFEXISTS=TRUE";
        assertThat(SourceDefinition.of(
                                "Demo shop",
                                demoShop,
                                "SHOP_READER",
                                "select * from shop_order",
                                "updated_at",
                                "",
                                null,
                                true,
                                POSTGRES_ONLY,
                                List.of(demoShop))
                        .jdbcUrl())
                .isEqualTo(demoShop);
        InvalidSourceException e = catchThrowableOfType(
                InvalidSourceException.class,
                () -> SourceDefinition.of(
                        "Not the shop",
                        demoShop + ";INIT=RUNSCRIPT FROM 'x.sql'",
                        "SHOP_READER",
                        "select * from shop_order",
                        "updated_at",
                        "",
                        null,
                        true,
                        POSTGRES_ONLY,
                        List.of(demoShop)));
        assertThat(e.problems())
                .containsExactly(Map.entry(
                        "jdbcUrl",
                        "must start with one of [jdbc:postgresql:] (RFM_SOURCE_URL_PREFIXES) or be " + demoShop));
    }

    @Test
    void oneStatementOnlyButATrailingSemicolonIsFine() {
        assertThatThrownBy(() -> SourceDefinition.of(
                        "s",
                        "jdbc:postgresql://h/db",
                        "u",
                        "select 1; drop table x",
                        "c",
                        "",
                        null,
                        true,
                        POSTGRES_ONLY,
                        List.of()))
                .isInstanceOf(InvalidSourceException.class)
                .hasMessage("Invalid data source: query must be one statement: no ';' inside");

        SourceDefinition ok = SourceDefinition.of(
                " Shop ",
                "jdbc:postgresql://h/db",
                " ",
                "select * from orders;",
                "updated_at",
                null,
                null,
                true,
                POSTGRES_ONLY,
                List.of());
        assertThat(ok.name()).isEqualTo("Shop");
        assertThat(ok.query()).isEqualTo("select * from orders");
        assertThat(ok.user()).isNull();
        assertThat(ok.overlapMinutes()).isEqualTo(SourceDefinition.DEFAULT_OVERLAP_MINUTES);
        assertThat(ok.schedule().manual()).isTrue();
    }

    @Test
    void schedulesAreDailyAtATimeOrEveryNMinutesFromMidnight() {
        LocalDateTime day = LocalDateTime.of(2024, 3, 1, 0, 0);
        PullSchedule daily = new PullSchedule("02:30");
        assertThat(daily.isDueAt(day.withHour(2).withMinute(30))).isTrue();
        assertThat(daily.isDueAt(day.withHour(14).withMinute(30))).isFalse();

        PullSchedule quarter = new PullSchedule("Every 15 minutes");
        assertThat(quarter.text()).isEqualTo("every 15 minutes");
        assertThat(quarter.isDueAt(day.withHour(9).withMinute(45).withSecond(59)))
                .isTrue();
        assertThat(quarter.isDueAt(day.withHour(9).withMinute(44))).isFalse();
        assertThat(new PullSchedule("every 1 minute").isDueAt(day.withMinute(7)))
                .isTrue();

        assertThat(new PullSchedule("").isDueAt(day)).isFalse();
        assertThatThrownBy(() -> new PullSchedule("every 0 minutes")).hasMessageStartingWith("must be blank");
        assertThatThrownBy(() -> new PullSchedule("24:00")).hasMessageStartingWith("must be blank");
    }
}
