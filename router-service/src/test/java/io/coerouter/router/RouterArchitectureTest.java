package io.coerouter.router;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/architecture.md, checked on the compiled main classes: a core package per feature
 * without HTTP, its {@code web} edge depending only inward, and no package cycles.
 */
class RouterArchitectureTest {

    private static final String ROOT = "io.coerouter.router";
    /**
     * The HTTP edge: every feature's {@code web} package, the servlet security chain and the OpenAPI document's
     * configuration.
     */
    private static final String[] EDGES = {ROOT + ".security..", ROOT + ".openapi..", ROOT + "..web.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void corePackagesUseNoHttpOrServletTypes() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + "..")
                .and()
                .resideOutsideOfPackages(EDGES)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework.http..", "org.springframework.web..", "jakarta.servlet..")
                .check(classes);
    }

    @Test
    void corePackagesDoNotReachIntoAnEdge() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + "..")
                .and()
                .resideOutsideOfPackages(EDGES)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(EDGES)
                .check(classes);
    }

    @Test
    void aWebEdgeDependsOnlyInwardOrOnTheErrorEdge() {
        noClasses()
                .that()
                .resideInAPackage("..web..")
                .should(dependOnAnotherFeaturesEdge())
                .check(classes);
    }

    private static ArchCondition<JavaClass> dependOnAnotherFeaturesEdge() {
        return new ArchCondition<>("depend on another feature's web edge") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String own = origin.getPackageName();
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                    String target = d.getTargetClass().getPackageName();
                    boolean otherEdge = target.startsWith(ROOT)
                            && (target.endsWith(".web") || target.contains(".web."))
                            && !target.startsWith(own)
                            && !target.equals(ROOT + ".error.web");
                    if (otherEdge) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }
}
