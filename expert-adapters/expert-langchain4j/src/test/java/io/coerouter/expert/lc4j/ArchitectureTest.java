package io.coerouter.expert.lc4j;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** This module's own classes (not its dependencies', not its tests): no package cycles, no Spring, and no DJL, Resilience4j or ONNX Runtime (LangChain4j is its own). */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .importUrl(LangChain4jExpert.class
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
                .resideInAnyPackage("ai.djl..", "io.github.resilience4j..", "ai.onnxruntime..")
                .check(CLASSES);
    }
}
