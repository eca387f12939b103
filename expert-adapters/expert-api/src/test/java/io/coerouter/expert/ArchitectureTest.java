package io.coerouter.expert;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** This module's own classes (not its dependencies', not its tests): the SPI stays plain Java, free of package cycles, Spring and every provider library. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .importUrl(Expert.class.getProtectionDomain().getCodeSource().getLocation());

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
