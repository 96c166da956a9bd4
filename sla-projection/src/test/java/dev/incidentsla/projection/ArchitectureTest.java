package dev.incidentsla.projection;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.incidentsla.projection");

    @Test
    void no_package_depends_on_itself_through_others() {
        slices().matching("dev.incidentsla.projection.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void the_projection_decides_nothing_the_incident_decides_so_it_never_sees_the_engine() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.incidentsla.sla..", "dev.incidentsla.incident..")
                .check(classes);
    }
}
