package org.callbackgateway.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The feature modules stay apart: a feature reaches another only through that feature's services, never its
 * DAOs, and the application's bootstrap package knows the features only by their modules.
 */
class ModuleBoundariesTest {
    private static final String ROOT = "org.callbackgateway";
    /** Shared infrastructure every feature may use; every other package under the root is a feature. */
    private static final Set<String> INFRASTRUCTURE = Set.of("config", "db", "crypto", "web");

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void featuresUseNoOtherFeaturesDao() {
        noFeatureUsesAnotherFeaturesDao().check(production);
    }

    @Test
    void webKnowsFeaturesOnlyByTheirModules() {
        bootstrapKnowsFeaturesOnlyByModules().check(production);
    }

    @Test
    void everyFeaturePackageHasOneModule() {
        for (String feature : production.stream().map(ModuleBoundariesTest::feature)
                .filter(name -> !name.isEmpty()).distinct().toList()) {
            assertThat(production.stream()
                    .filter(type -> feature(type).equals(feature) && type.getSimpleName().endsWith("Module"))
                    .map(JavaClass::getName))
                    .as("modules of feature %s", feature)
                    .isNotEmpty();
        }
    }

    @Test
    void theRulesFailOnAViolation() {
        // The rules are only worth something if they can fail: each is checked on classes that break it.
        assertThat(noFeatureUsesAnotherFeaturesDao().evaluate(new ClassFileImporter()
                .importClasses(UsesTheJobsDao.class, org.callbackgateway.jobs.JobDao.class)).hasViolation())
                .isTrue();
        assertThat(bootstrapKnowsFeaturesOnlyByModules().evaluate(new ClassFileImporter()
                .importPackages("org.callbackgateway.web")).hasViolation())
                .isTrue();
    }

    /** Lives in this test's package, a feature of its own, and uses the jobs feature's DAO. */
    static final class UsesTheJobsDao {
        Object peek(org.callbackgateway.jobs.JobDao dao) {
            return dao;
        }
    }

    private static ArchRule noFeatureUsesAnotherFeaturesDao() {
        return classes().should(new ArchCondition<>("use no DAO of another feature") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    if (target.getSimpleName().endsWith("Dao") && target.getPackageName().startsWith(ROOT)
                            && !feature(target).equals(feature(origin))) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        });
    }

    private static ArchRule bootstrapKnowsFeaturesOnlyByModules() {
        return noClasses().that().resideInAPackage(ROOT + ".web")
                .should().dependOnClassesThat(new DescribedPredicate<>("are a feature's classes other than its module") {
                    @Override
                    public boolean test(JavaClass target) {
                        return target.getPackageName().startsWith(ROOT + ".") && !feature(target).isEmpty()
                                && !target.getSimpleName().endsWith("Module");
                    }
                });
    }

    /**
     * The feature a class belongs to: the first package below the root, or below {@code web} for the features
     * served by the web layer itself (such as {@code web.operations}); empty for infrastructure.
     */
    static String feature(JavaClass type) {
        String pkg = type.getPackageName();
        if (!pkg.startsWith(ROOT + ".")) {
            return "";
        }
        String[] parts = pkg.substring(ROOT.length() + 1).split("\\.");
        if (parts[0].equals("web") && parts.length > 1) {
            return "web." + parts[1];
        }
        if (INFRASTRUCTURE.contains(parts[0])) {
            return "";
        }
        return parts[0];
    }
}
