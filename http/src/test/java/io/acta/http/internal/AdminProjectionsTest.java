package io.acta.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the console shows of a projection's failure: the reason, never the code's names. */
class AdminProjectionsTest {
  @Test
  void anExceptionsClassNameInFrontIsLeftOut() {
    assertThat(AdminProjections.operatorText("java.lang.IllegalArgumentException: cannot fold 666"))
        .isEqualTo("cannot fold 666");
    assertThat(
            AdminProjections.operatorText(
                "java.util.concurrent.CompletionException: java.lang.IllegalStateException: the"
                    + " row is gone"))
        .isEqualTo("the row is gone");
  }

  @Test
  void aMessageThatNamesCodeIsNotShownAtAll() {
    assertThat(AdminProjections.operatorText("NullPointerException at io.acta.Foo.bar"))
        .isEqualTo("failed; the node's log says why");
    assertThat(AdminProjections.operatorText(null)).isEqualTo("failed; the node's log says why");
  }

  @Test
  void aPlainReasonStaysAsItIs() {
    assertThat(AdminProjections.operatorText("account is not open"))
        .isEqualTo("account is not open");
  }
}
