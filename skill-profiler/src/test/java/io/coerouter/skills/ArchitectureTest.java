package io.coerouter.skills;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** This module's own classes (not its dependencies', not its tests): no package cycles, no Spring, and on the expert SPI only: no LangChain4j, DJL, Resilience4j or ONNX Runtime. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .importUrl(io.coerouter.skills.recruit.Recruiter.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation());

    @Test
    void hasNoPackageCycles() {
        slices().matching("io.coerouter.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void usesNoSpring() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework..")
                .check(CLASSES);
    }

    @Test
    void usesNoOtherModulesHeavyLibraries() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.langchain4j..", "ai.djl..", "io.github.resilience4j..", "ai.onnxruntime..")
                .check(CLASSES);
    }
}
