package dev.rfm.web;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guards the module seams of the design card: domain ← analytics ← web, domain ← reports (plus analytics' campaign
 * statistics); nothing depends on web; the maths is plain Java; backing beans don't query.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.rfm");
    }

    @Test
    void domainDependsOnNoOtherModule() {
        noClasses()
                .that()
                .resideInAPackage("dev.rfm.domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.rfm.analytics..", "dev.rfm.reports..", "dev.rfm.web..")
                .check(classes);
    }

    @Test
    void analyticsDependsOnlyOnDomain() {
        noClasses()
                .that()
                .resideInAPackage("dev.rfm.analytics..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.rfm.reports..", "dev.rfm.web..")
                .check(classes);
    }

    /**
     * Reports read the domain; of analytics only the campaign statistics (plain Java), so the report's campaign
     * section shows the API's numbers by the same code (decision 0015), never the scoring or its beans.
     */
    @Test
    void reportsDependOnDomainAndCampaignStatisticsOnly() {
        noClasses()
                .that()
                .resideInAPackage("dev.rfm.reports..")
                .should()
                .dependOnClassesThat(resideInAnyPackage("dev.rfm.analytics..", "dev.rfm.web..")
                        .and(not(resideInAPackage("dev.rfm.analytics.campaign"))))
                .check(classes);
    }

    @Test
    void scoringAndModelMathsArePlainJava() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.rfm.analytics.scoring..",
                        "dev.rfm.analytics.segment..",
                        "dev.rfm.analytics.clv..",
                        "dev.rfm.analytics.lifecycle..",
                        "dev.rfm.analytics.profile..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta..", "java.sql..", "javax.sql..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void backingBeansDoNotQueryTheDatabase() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("Backing")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("jakarta.persistence.EntityManager")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("javax.sql.DataSource")
                .check(classes);
    }

    @Test
    void noTechnicalPackageNames() {
        noClasses()
                .should()
                .resideInAnyPackage("..util..", "..utils..", "..beans..", "..dto..", "..services..", "..entities..")
                .check(classes);
    }
}
