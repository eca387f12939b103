package io.coerouter.expert.djl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** This module's own classes (not its dependencies', not its tests): no package cycles, no Spring, and no LangChain4j, Resilience4j or ONNX Runtime (DJL is its own). */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .importUrl(DjlExpert.class.getProtectionDomain().getCodeSource().getLocation());

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
                .resideInAnyPackage("dev.langchain4j..", "io.github.resilience4j..", "ai.onnxruntime..")
                .check(CLASSES);
    }
}
