package dev.incidentsla.sla;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The SLA engine is plain Java: calendar, policy and engine know no framework, no parser, no library. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.incidentsla");

    @Test
    void the_sla_engine_imports_no_framework() {
        noClasses().that().resideInAnyPackage("..sla.calendar..", "..sla.policy..", "..sla.engine..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.axonframework..", "com.fasterxml..", "tools.jackson..",
                        "de.focus_shift..", "jakarta..", "javax..", "org.slf4j..", "reactor..", "org.apache.kafka..")
                .check(classes);
    }

    @Test
    void the_engine_does_not_reach_into_its_data_adapters() {
        noClasses().that().resideInAnyPackage("..sla.calendar..", "..sla.policy..", "..sla.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("..sla.data..")
                .check(classes);
    }

    @Test
    void the_calendar_knows_nothing_of_programs_or_contracts() {
        noClasses().that().resideInAPackage("..sla.calendar..")
                .should().dependOnClassesThat().resideInAnyPackage("..sla.policy..", "..sla.engine..", "dev.incidentsla.api..")
                .check(classes);
    }

    @Test
    void no_package_depends_on_itself_through_others() {
        slices().matching("dev.incidentsla.(**)").should().beFreeOfCycles().check(classes);
    }
}
