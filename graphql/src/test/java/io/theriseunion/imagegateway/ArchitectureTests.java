package io.theriseunion.imagegateway;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layout of docs/architecture.md ("Modules and packages"), checked on the compiled main classes of every
 * module: no package cycles anywhere; the GraphQL edge ({@code graphql.*}) sits on the application
 * ({@code app.*}), never the other way; domain, registry and projections know nothing of the layers above them;
 * only the registry-source adapter uses the OCI client.
 */
class ArchitectureTests {

    private static final String BASE = "io.theriseunion.imagegateway";

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                                         .importPackages(BASE);
    }

    /** Each package of the project is a slice: no package may reach itself through its imports. */
    private static final SliceAssignment PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            return pkg.startsWith(BASE) ? SliceIdentifier.of(pkg) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the packages of the gateway";
        }
    };

    @Test
    void noPackageCycles() {
        slices().assignedFrom(PACKAGES).should().beFreeOfCycles().check(classes);
    }

    @Test
    void theApplicationsFeaturesFormNoCycle() {
        slices().matching(BASE + ".app.(*)..").namingSlices("app.$1").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theGraphQlEdgesFeaturesFormNoCycle() {
        slices().matching(BASE + ".graphql.(*)..").namingSlices("graphql.$1").should().beFreeOfCycles()
                .check(classes);
    }

    @Test
    void theApplicationKnowsNothingOfGraphQl() {
        noClasses().that().resideInAPackage(BASE + ".app..")
                   .should().dependOnClassesThat().resideInAnyPackage(BASE + ".graphql..",
                                                                      "org.springframework.graphql..", "graphql..")
                   .check(classes);
    }

    @Test
    void theDomainKnowsNoEdgeNoClientAndNoLayerAboveIt() {
        noClasses().that().resideInAPackage(BASE + ".domain..")
                   .should().dependOnClassesThat().resideInAnyPackage(
                           BASE + ".projections..", BASE + ".registry..", BASE + ".app..", BASE + ".graphql..",
                           "org.springframework.web..", "org.springframework.graphql..", "graphql..",
                           "jakarta.servlet..", "okhttp3..")
                   .check(classes);
    }

    /**
     * JDBC in the domain only in its two name indexes: set-based uniqueness is checked against lookup tables the
     * command side writes in the events' own transaction (docs/architecture.md, "Write side").
     */
    @Test
    void theDomainUsesJdbcOnlyInItsNameIndexes() {
        noClasses().that().resideInAPackage(BASE + ".domain..")
                   .and(not(simpleName("RepositoryNameIndex").or(simpleName("RegistrySourceIndex"))))
                   .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..",
                                                                      "javax.sql..")
                   .check(classes);
    }

    @Test
    void theRegistryClientKnowsNothingOfTheProjectNorOfAxon() {
        noClasses().that().resideInAPackage(BASE + ".registry..")
                   .should().dependOnClassesThat(resideInAPackage(BASE + "..")
                                                         .and(not(resideInAPackage(BASE + ".registry..")))
                                                         .or(resideInAPackage("org.axonframework..")))
                   .check(classes);
    }

    @Test
    void theProjectionsKnowNoEdgeAndNoRegistryClient() {
        noClasses().that().resideInAPackage(BASE + ".projections..")
                   .should().dependOnClassesThat().resideInAnyPackage(
                           BASE + ".app..", BASE + ".graphql..", BASE + ".registry..",
                           "org.springframework.web..", "org.springframework.graphql..", "graphql..",
                           "jakarta.servlet..", "okhttp3..")
                   .check(classes);
    }

    @Test
    void onlyTheRegistrySourceAdapterUsesTheRegistryClient() {
        noClasses().that().resideOutsideOfPackages(BASE + ".registry..", BASE + ".app.registrysource..")
                   .should().dependOnClassesThat().resideInAPackage(BASE + ".registry..")
                   .check(classes);
    }
}
