package io.acta.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.acta.runtime.ActaNode;
import io.acta.runtime.EntityRef;
import io.acta.runtime.NodeExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * What the extension does around the tests it serves. The classes nested here are run by this test
 * through the JUnit launcher, so that what happens after they end can be looked at too.
 */
class ActaExtensionTest {

  /** A node extension that records its life. */
  static final class Recorder implements NodeExtension {
    static final List<Recorder> CREATED = new CopyOnWriteArrayList<>();
    volatile ActaNode node;
    volatile boolean closed;

    Recorder() {
      CREATED.add(this);
    }

    @Override
    public void start(ActaNode node) {
      this.node = node;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** What the fixture classes saw, per test. */
  static final List<ActaNode> SEEN = new CopyOnWriteArrayList<>();

  private static TestExecutionSummary run(Class<?> testClass) {
    var listener = new SummaryGeneratingListener();
    LauncherFactory.create()
        .execute(
            LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(),
            listener);
    return listener.getSummary();
  }

  @BeforeEach
  void forget() {
    Recorder.CREATED.clear();
    SEEN.clear();
  }

  @RegisterExtension
  static final ActaExtension acta = ActaExtension.with(Tab.TYPE).withExtension(Recorder::new);

  @Test
  void eachEntityRefParameterIsAFreshEntityOfTheTypeItsCommandsName(
      EntityRef<Tab.Command<?>> first, EntityRef<Tab.Command<?>> second) {
    assertThat(first.entityType()).isEqualTo("tab");
    assertThat(first.entityId()).isNotEqualTo(second.entityId());
    assertThat(first.ask(new Tab.Order("tea", 3)).toCompletableFuture().join()).isEqualTo(3);
    assertThat(second.ask(new Tab.Get()).toCompletableFuture().join().total()).isZero();
  }

  @Test
  void aRegisteredExtensionIsInjectedByItsTypeAsTheNodeRunsIt(
      Recorder recorder, NodeExtension asInterface, ActaNode node) {
    assertThat(recorder.node).isSameAs(node).isSameAs(acta.node());
    assertThat(asInterface).isSameAs(recorder);
    assertThat(acta.extension(Recorder.class)).isSameAs(recorder);
  }

  @Test
  void aRestartKeepsTheDataAndStartsNewExtensionInstances(Recorder before) {
    acta.entity(Tab.TYPE, "restart").ask(new Tab.Order("tea", 3)).toCompletableFuture().join();

    ActaNode after = acta.restart();

    Recorder again = acta.extension(Recorder.class);
    assertThat(again).isNotSameAs(before);
    assertThat(again.node).isSameAs(after);
    assertThat(before.closed).isTrue();
    assertThat(
            acta.entity(Tab.TYPE, "restart")
                .ask(new Tab.Get())
                .toCompletableFuture()
                .join()
                .total())
        .isEqualTo(3);
  }

  @Test
  void aStaticExtensionRunsOneNodeForTheClassAndItsNestedClassesAndClosesItAfterwards() {
    TestExecutionSummary summary = run(PerClass.class);

    assertThat(summary.getFailures()).isEmpty();
    assertThat(summary.getTestsSucceededCount()).isEqualTo(3);
    assertThat(Recorder.CREATED).hasSize(1);
    assertThat(SEEN).hasSize(3).containsOnly(Recorder.CREATED.get(0).node);
    assertThat(Recorder.CREATED.get(0).closed).isTrue();
  }

  @Test
  void anInstanceExtensionRunsANodeForEachTestOnDataOfItsOwn() {
    TestExecutionSummary summary = run(PerTest.class);

    assertThat(summary.getFailures()).isEmpty();
    assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
    assertThat(Recorder.CREATED).hasSize(2).allSatisfy(r -> assertThat(r.closed).isTrue());
    assertThat(SEEN).doesNotHaveDuplicates();
  }

  @Test
  void anExtensionParameterOfATypeTheNodeDoesNotRunIsNotResolved() {
    TestExecutionSummary summary = run(UnknownParameter.class);

    assertThat(summary.getTestsFailedCount()).isEqualTo(1);
    assertThat(summary.getFailures().get(0).getException())
        .hasMessageContaining("No ParameterResolver registered");
  }

  static class PerClass {
    @RegisterExtension
    static final ActaExtension acta = ActaExtension.with(Tab.TYPE).withExtension(Recorder::new);

    @Test
    void ordersOnTheSharedNode(Recorder recorder) {
      SEEN.add(recorder.node);
      acta.entity(Tab.TYPE, "shared").ask(new Tab.Order("tea", 3)).toCompletableFuture().join();
    }

    @Test
    void seesWhatTheOtherTestsOfTheClassStored(ActaNode node) {
      SEEN.add(node);
      acta.entity(Tab.TYPE, "shared").ask(new Tab.Order("cake", 4)).toCompletableFuture().join();
    }

    @Nested
    class Inner {
      @Test
      void runsOnTheSameNode(Recorder recorder) {
        SEEN.add(recorder.node);
        int total =
            acta.entity(Tab.TYPE, "shared").ask(new Tab.Get()).toCompletableFuture().join().total();
        assertThat(total).isEqualTo(7);
      }
    }
  }

  static class PerTest {
    @RegisterExtension
    final ActaExtension acta = ActaExtension.with(Tab.TYPE).withExtension(Recorder::new);

    @Test
    void first(ActaNode node) {
      SEEN.add(node);
      int total =
          acta.entity(Tab.TYPE, "same-id")
              .ask(new Tab.Order("tea", 3))
              .toCompletableFuture()
              .join();
      assertThat(total).isEqualTo(3);
    }

    @Test
    void second(ActaNode node) {
      SEEN.add(node);
      int total =
          acta.entity(Tab.TYPE, "same-id")
              .ask(new Tab.Order("tea", 3))
              .toCompletableFuture()
              .join();
      assertThat(total).isEqualTo(3);
    }
  }

  /** A node extension no node of these tests runs. */
  static final class Unused implements NodeExtension {
    @Override
    public void start(ActaNode node) {}
  }

  static class UnknownParameter {
    @RegisterExtension
    static final ActaExtension acta = ActaExtension.with(Tab.TYPE).withExtension(Recorder::new);

    @Test
    void asksForAnExtensionTheNodeDoesNotRun(Unused unused) {}
  }
}
