package io.acta.bench.http;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many subscribers to view rows' updates streams (Server-Sent Events), in a JVM of its own so that
 * their cost does not count in the server's: the live-update fan-out scenario starts it as a child
 * process and talks to it over its standard input and output.
 *
 * <p>Arguments: the node's base URL, the view, a key prefix, the number of keys ({@code prefix0} to
 * {@code prefix<n-1>}) and the subscribers per key. It opens every stream (a connection each),
 * prints {@code OPEN <n>} once each has received its row's current version (or {@code FAILED
 * <reason>}), then records each further event's key, id and arrival time (microseconds since the
 * epoch: the machine's one clock, which the bench reads too). On the line {@code AWAIT <n>
 * <millis>} it waits until {@code n} events are recorded since the last answer, or {@code millis}
 * have passed, then prints {@code EVENT <key> <id> <micros>} for each of them and {@code END}; on
 * {@code QUIT}, or when its input closes, it exits.
 */
public final class SseFanOutClient {
  private SseFanOutClient() {}

  /** How many streams may be connecting (not yet holding their first row) at once. */
  private static final int OPENING_AT_ONCE = 100;

  /** One event as it arrived. */
  private record Arrival(String key, long id, long micros) {}

  /** The events recorded and not yet printed, which the command loop can wait for. */
  private static final class Arrivals {
    private final ArrayDeque<Arrival> queue = new ArrayDeque<>();

    synchronized void add(Arrival a) {
      queue.add(a);
      notifyAll();
    }

    synchronized Arrival poll() {
      return queue.poll();
    }

    synchronized void awaitAtLeast(int n, long deadlineNanos) throws InterruptedException {
      long left;
      while (queue.size() < n && (left = deadlineNanos - System.nanoTime()) > 0)
        TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    String view = args[1];
    String prefix = args[2];
    int keys = Integer.parseInt(args[3]);
    int perKey = Integer.parseInt(args[4]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    Arrivals arrivals = new Arrivals();
    CountDownLatch firstRows = new CountDownLatch(keys * perKey);
    AtomicInteger failed = new AtomicInteger();
    List<Flow.Subscription> subscriptions = new ArrayList<>();
    // Streams open a few hundred at a time, as real clients arrive: ten thousand connects in one
    // instant overflow the server's accept backlog and time out.
    Semaphore opening = new Semaphore(OPENING_AT_ONCE);
    for (int k = 0; k < keys; k++) {
      String key = prefix + k;
      URI url = base.resolve("/views/" + view + "/" + key + "/updates");
      for (int s = 0; s < perKey; s++) {
        HttpRequest request =
            HttpRequest.newBuilder(url).header("Accept", "text/event-stream").build();
        opening.acquire();
        EventLines lines = new EventLines(key, arrivals, firstRows, subscriptions, opening);
        http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(lines))
            .whenComplete(
                (response, error) -> {
                  if (error != null || response.statusCode() != 200) {
                    opening.release();
                    if (failed.getAndIncrement() == 0)
                      out.println(
                          "FAILED " + (error != null ? error : "status " + response.statusCode()));
                  }
                });
      }
    }
    if (!firstRows.await(5, TimeUnit.MINUTES) || failed.get() > 0) {
      out.println(
          "FAILED " + failed.get() + " streams failed, " + firstRows.getCount() + " silent");
      System.exit(1);
    }
    out.println("OPEN " + keys * perKey);

    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.equals("QUIT")) break;
      if (line.startsWith("AWAIT ")) {
        String[] f = line.split(" ");
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Long.parseLong(f[2]));
        arrivals.awaitAtLeast(Integer.parseInt(f[1]), deadline);
        for (Arrival a = arrivals.poll(); a != null; a = arrivals.poll())
          out.println("EVENT " + a.key() + " " + a.id() + " " + a.micros());
        out.println("END");
      }
    }
    System.exit(0);
  }

  /** The lines of one stream, folded into events as the SSE format has them. */
  private static final class EventLines implements Flow.Subscriber<String> {
    private final String key;
    private final Arrivals arrivals;
    private final CountDownLatch firstRows;
    private final List<Flow.Subscription> subscriptions;
    private final Semaphore opening;
    private long id = -1;
    private boolean data;
    private boolean first = true;

    EventLines(
        String key,
        Arrivals arrivals,
        CountDownLatch firstRows,
        List<Flow.Subscription> subscriptions,
        Semaphore opening) {
      this.key = key;
      this.opening = opening;
      this.arrivals = arrivals;
      this.firstRows = firstRows;
      this.subscriptions = subscriptions;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      synchronized (subscriptions) {
        subscriptions.add(subscription); // kept reachable for as long as the client runs
      }
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      if (line.startsWith("id:")) id = Long.parseLong(line.substring(3).trim());
      // A heartbeat comes as an event whose data is empty: not a change.
      else if (line.startsWith("data:")) data = !line.substring(5).isBlank();
      else if (line.isEmpty()) {
        if (data) {
          if (first) {
            first = false;
            firstRows.countDown();
            opening.release();
          } else {
            Instant now = Instant.now();
            arrivals.add(
                new Arrival(key, id, now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000));
          }
        }
        id = -1;
        data = false;
      }
    }

    @Override
    public void onError(Throwable error) {}

    @Override
    public void onComplete() {}
  }
}
