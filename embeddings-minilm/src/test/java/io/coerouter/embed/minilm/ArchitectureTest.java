package io.coerouter.embed.minilm;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** This module's own classes (not its dependencies', not its tests): no package cycles, no Spring, no DJL or Resilience4j (LangChain4j's ONNX embeddings are its own). */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .importUrl(MiniLm.class.getProtectionDomain().getCodeSource().getLocation());

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
                .resideInAnyPackage("ai.djl..", "io.github.resilience4j..")
                .check(CLASSES);
    }
}
