package io.acta.tests.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.acta.http.archfixture.LeakyApi;
import io.acta.tests.architecture.breach.ReachesIntoRuntime;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The module walls hold over every module's main code, and each rule does catch a breach. */
class ArchitectureTest {
  private static JavaClasses main;

  @BeforeAll
  static void importMainCode() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.acta");
  }

  static Stream<ArchRule> rules() {
    return Stream.of(
        ModuleWalls.internalsStayInTheirModule(),
        ModuleWalls.apiIsPlainJava(),
        ModuleWalls.publicSignaturesHidePekko(),
        ModuleWalls.publicFieldsHidePekko(),
        ModuleWalls.publicTypesHidePekko(),
        ModuleWalls.modulesFollowTheGraph());
  }

  @ParameterizedTest
  @MethodSource("rules")
  void everyModuleKeepsTheRule(ArchRule rule) {
    rule.check(main);
  }

  @Test
  void theMainCodeOfEveryModuleIsChecked() {
    assertThat(main.stream().map(ModuleWalls::moduleOf).distinct())
        .contains(
            "config",
            "api",
            "runtime",
            "embedded",
            "cassandra",
            "http",
            "kafka",
            "tracing",
            "testkit",
            "examples");
  }

  @Test
  void aClassReachingIntoAnotherModulesInternalsIsABreach() {
    EvaluationResult result =
        ModuleWalls.internalsStayInTheirModule()
            .evaluate(new ClassFileImporter().importClasses(ReachesIntoRuntime.class));
    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(ReachesIntoRuntime.class.getName())
                    .contains("io.acta.runtime.internal"));
  }

  @Test
  void aPublicApiMethodNamingAPekkoTypeIsABreachUnlessItIsAnEscapeHatch() {
    EvaluationResult result =
        ModuleWalls.publicSignaturesHidePekko()
            .evaluate(new ClassFileImporter().importClasses(LeakyApi.class));
    assertThat(result.getFailureReport().getDetails())
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("LeakyApi.system()")
                    .contains("org.apache.pekko.actor.typed.ActorSystem"))
        .noneSatisfy(line -> assertThat(line).contains("LeakyApi.hatch()"));
  }

  @Test
  void aModuleUsingOneTheGraphDoesNotAllowIsABreach() {
    EvaluationResult result =
        ModuleWalls.modulesFollowTheGraph()
            .evaluate(new ClassFileImporter().importClasses(LeakyApi.class));
    assertThat(result.getFailureReport().getDetails())
        .anySatisfy(line -> assertThat(line).contains("http may not use cassandra"));
  }
}
