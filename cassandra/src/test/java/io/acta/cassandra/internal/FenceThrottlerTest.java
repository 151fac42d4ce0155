package io.acta.cassandra.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.RequestThrottlingException;
import com.datastax.oss.driver.api.core.session.throttling.Throttled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class FenceThrottlerTest {
  private final AtomicBoolean open = new AtomicBoolean(true);
  private final FenceThrottler throttler = new FenceThrottler(open::get, () -> "paused for 21 s");

  /** A request as the driver's request handler is one: told to go, or failed. */
  private static final class Request implements Throttled {
    final List<String> events = new ArrayList<>();

    @Override
    public void onThrottleReady(boolean wasDelayed) {
      events.add("ready delayed=" + wasDelayed);
    }

    @Override
    public void onThrottleFailure(RequestThrottlingException error) {
      events.add("failed: " + error.getMessage());
    }
  }

  @Test
  void letsEveryRequestThroughAtOnceWhileTheFenceIsOpen() {
    Request request = new Request();
    throttler.register(request);
    throttler.signalSuccess(request);
    assertThat(request.events).containsExactly("ready delayed=false");
  }

  @Test
  void failsEveryRequestAtOnceWhileTheFenceIsClosedSayingWhy() {
    open.set(false);
    Request request = new Request();
    throttler.register(request);
    assertThat(request.events).containsExactly("failed: paused for 21 s");

    open.set(true); // a node started after the paused one has gone
    Request later = new Request();
    throttler.register(later);
    assertThat(later.events).containsExactly("ready delayed=false");
  }
}
