package org.openvod.controlapi.api;

/** An error answer: the AWS error type and a message that names the field or cause. */
public final class ApiException extends RuntimeException {

  private final ApiError error;

  public ApiException(ApiError error, String message) {
    super(message, null, false, false);
    this.error = error;
  }

  public ApiError error() {
    return error;
  }

  /** 422 for one invalid field: the message names the field's JSON path and the rule it broke. */
  public static ApiException invalid(String path, String rule) {
    return new ApiException(ApiError.UnprocessableEntityException, path + " " + rule);
  }

  public static ApiException unprocessable(String message) {
    return new ApiException(ApiError.UnprocessableEntityException, message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(ApiError.NotFoundException, message);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(ApiError.ForbiddenException, message);
  }

  public static ApiException unavailable(String message) {
    return new ApiException(ApiError.ServiceUnavailableException, message);
  }
}
