package dev.rfm.analytics;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import dev.rfm.analytics.history.CustomerHistories;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The computation packages are plain Java: no container API (container wiring belongs in {@code
 * dev.rfm.analytics.run}), no clock (the reference date is passed in), no web module.
 */
class PureComputationArchitectureTest {

    private static final String[] PURE = {
        "dev.rfm.analytics.history..",
        "dev.rfm.analytics.profile..",
        "dev.rfm.analytics.scoring..",
        "dev.rfm.analytics.segment..",
        "dev.rfm.analytics.value..",
        "dev.rfm.analytics.clv..",
        "dev.rfm.analytics.lifecycle..",
        "dev.rfm.analytics.migration..",
        "dev.rfm.analytics.computation..",
        "dev.rfm.analytics.campaign.."
    };

    // only this module's main classes: scanning every jar on the classpath costs seconds
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importLocations(List.of(Location.of(CustomerHistories.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation())));

    @Test
    void noContainerApis() {
        noClasses()
                .that()
                .resideInAnyPackage(PURE)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta..", "javax..", "org.eclipse.microprofile..", "dev.rfm.web..")
                .check(classes);
    }

    @Test
    void noClockInsideAComputation() {
        noClasses()
                .that()
                .resideInAnyPackage(PURE)
                .should()
                .callMethod(java.time.LocalDate.class, "now")
                .orShould()
                .callMethod(java.time.Instant.class, "now")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .check(classes);
    }
}
