package io.acta.http.internal;

/**
 * A failure to answer with a status: every error of the API becomes one, and then the one JSON
 * shape {@code {"error": {"status", "code", "message", "requestId"}}}. No stack trace ever leaves.
 */
final class ApiError extends RuntimeException {
  final int status;
  final String code;

  ApiError(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  static ApiError badRequest(String message) {
    return new ApiError(400, "bad_request", message);
  }

  static ApiError notFound(String message) {
    return new ApiError(404, "not_found", message);
  }

  static ApiError unavailable(String message) {
    return new ApiError(503, "unavailable", message);
  }
}
