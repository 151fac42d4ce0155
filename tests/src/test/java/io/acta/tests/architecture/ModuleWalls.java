package io.acta.tests.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The architecture the README's dependency graph states, as rules over compiled classes. A module
 * is the package root under {@code io.acta} ({@code io.acta.runtime...} is module {@code runtime}).
 *
 * <ul>
 *   <li>A package with an {@code internal} segment belongs to its module alone. Modules work
 *       together through public packages: API packages for users, {@code spi} packages for modules
 *       that build on another (stores, test kits).
 *   <li>The domain API ({@code io.acta.api}) depends on no Pekko, Scala or Typesafe Config type.
 *   <li>No other public API names a Pekko type, except members marked {@code @EscapeHatch}; {@code
 *       spi} packages may, since stores are written against Pekko.
 *   <li>Modules depend on each other only in the direction of the graph.
 * </ul>
 */
final class ModuleWalls {
  static final String PEKKO = "org.apache.pekko..";
  static final String ESCAPE_HATCH = "io.acta.api.EscapeHatch";

  /** Each module and the Acta modules it may depend on (the README's graph). */
  static final List<ModuleRule> GRAPH =
      List.of(
          new ModuleRule("config", Set.of()),
          new ModuleRule("api", Set.of("config")),
          new ModuleRule("runtime", Set.of("config", "api")),
          new ModuleRule("embedded", Set.of("config")),
          new ModuleRule("cassandra", Set.of("config", "api", "runtime", "embedded")),
          new ModuleRule("http", Set.of("config", "api", "runtime")),
          new ModuleRule("kafka", Set.of("config", "api", "runtime", "embedded")),
          new ModuleRule("tracing", Set.of("config", "api", "runtime")),
          new ModuleRule("testkit", Set.of("config", "api", "runtime")),
          new ModuleRule(
              "examples",
              Set.of(
                  "config",
                  "api",
                  "runtime",
                  "cassandra",
                  "http",
                  "kafka",
                  "tracing",
                  "embedded")));

  /** A module and the modules it may use. */
  record ModuleRule(String module, Set<String> mayUse) {}

  private ModuleWalls() {}

  /** The module of a class: its package's first segment under io.acta; "" outside Acta. */
  static String moduleOf(JavaClass c) {
    String pkg = c.getPackageName();
    if (!pkg.startsWith("io.acta.")) return "";
    String rest = pkg.substring("io.acta.".length());
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  static boolean isInternal(JavaClass c) {
    return c.getPackageName().contains(".internal");
  }

  /** No class uses a class of another module's internal packages. */
  static ArchRule internalsStayInTheirModule() {
    return classes()
        .that()
        .resideInAPackage("io.acta..")
        .should(
            new ArchCondition<JavaClass>("use no other module's internal packages") {
              @Override
              public void check(JavaClass c, ConditionEvents events) {
                for (Dependency d : c.getDirectDependenciesFromSelf()) {
                  JavaClass target = d.getTargetClass();
                  String to = moduleOf(target);
                  if (!to.isEmpty() && isInternal(target) && !to.equals(moduleOf(c))) {
                    events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                  }
                }
              }
            })
        .because(
            "an internal package belongs to its module alone; use the module's API or spi"
                + " packages");
  }

  /** The domain API depends on no Pekko, Scala or Typesafe Config type at all. */
  static ArchRule apiIsPlainJava() {
    return noClasses()
        .that()
        .resideInAPackage("io.acta.api..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(PEKKO, "scala..", "com.typesafe.config..")
        .because("domain code is written against plain Java types");
  }

  private static final DescribedPredicate<JavaClass> PUBLIC_API_CLASS =
      new DescribedPredicate<>("a public class of a public API package of Acta") {
        @Override
        public boolean test(JavaClass c) {
          String pkg = c.getPackageName();
          return pkg.startsWith("io.acta.")
              && !pkg.contains(".internal")
              && !pkg.contains(".spi")
              && !moduleOf(c).equals("tests")
              && !moduleOf(c).equals("examples")
              && !moduleOf(c).equals("bench")
              && c.getModifiers().contains(JavaModifier.PUBLIC);
        }
      };

  /** Public members of public API classes name no Pekko type, unless marked as an escape hatch. */
  static ArchRule publicSignaturesHidePekko() {
    return codeUnits()
        .that()
        .arePublic()
        .and()
        .areDeclaredInClassesThat(PUBLIC_API_CLASS)
        .and()
        .areNotAnnotatedWith(ESCAPE_HATCH)
        .should(
            new ArchCondition<JavaCodeUnit>("name no Pekko type in their signature") {
              @Override
              public void check(JavaCodeUnit unit, ConditionEvents events) {
                Stream.concat(unit.getParameterTypes().stream(), Stream.of(unit.getReturnType()))
                    .flatMap(t -> t.getAllInvolvedRawTypes().stream())
                    .filter(ModuleWalls::isPekko)
                    .forEach(
                        t ->
                            events.add(
                                SimpleConditionEvent.violated(
                                    unit,
                                    unit.getFullName()
                                        + " names "
                                        + t.getName()
                                        + " (mark it @EscapeHatch if that is the point)")));
              }
            })
        .because("user code never sees Pekko types in normal use");
  }

  /** Public fields of public API classes name no Pekko type. */
  static ArchRule publicFieldsHidePekko() {
    return fields()
        .that()
        .arePublic()
        .and()
        .areDeclaredInClassesThat(PUBLIC_API_CLASS)
        .and()
        .areNotAnnotatedWith(ESCAPE_HATCH)
        .should(
            new ArchCondition<JavaField>("name no Pekko type") {
              @Override
              public void check(JavaField field, ConditionEvents events) {
                field.getType().getAllInvolvedRawTypes().stream()
                    .filter(ModuleWalls::isPekko)
                    .forEach(
                        t ->
                            events.add(
                                SimpleConditionEvent.violated(
                                    field, field.getFullName() + " names " + t.getName())));
              }
            })
        .allowEmptyShould(true);
  }

  /** Public API classes extend and implement no Pekko type. */
  static ArchRule publicTypesHidePekko() {
    return classes()
        .that(PUBLIC_API_CLASS)
        .should(
            new ArchCondition<JavaClass>("extend and implement no Pekko type") {
              @Override
              public void check(JavaClass c, ConditionEvents events) {
                Stream.concat(c.getRawSuperclass().stream(), c.getRawInterfaces().stream())
                    .filter(ModuleWalls::isPekko)
                    .forEach(
                        t ->
                            events.add(
                                SimpleConditionEvent.violated(
                                    c, c.getName() + " extends " + t.getName())));
              }
            });
  }

  /** Each module uses only the modules the graph allows it. */
  static ArchRule modulesFollowTheGraph() {
    return classes()
        .that()
        .resideInAPackage("io.acta..")
        .should(
            new ArchCondition<JavaClass>("use only the modules the README's graph allows") {
              @Override
              public void check(JavaClass c, ConditionEvents events) {
                String from = moduleOf(c);
                ModuleRule rule =
                    GRAPH.stream().filter(r -> r.module().equals(from)).findFirst().orElse(null);
                if (rule == null) return;
                for (Dependency d : c.getDirectDependenciesFromSelf()) {
                  String to = moduleOf(d.getTargetClass());
                  if (!to.isEmpty() && !to.equals(from) && !rule.mayUse().contains(to)) {
                    events.add(
                        SimpleConditionEvent.violated(
                            d, from + " may not use " + to + ": " + d.getDescription()));
                  }
                }
              }
            });
  }

  private static boolean isPekko(JavaClass c) {
    return c.getPackageName().startsWith("org.apache.pekko");
  }
}
