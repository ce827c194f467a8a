package org.openvod.controlapi.api;

/** The six error shapes of the MediaPackage VOD model, with their HTTP status. */
public enum ApiError {
  UnprocessableEntityException(422),
  ForbiddenException(403),
  NotFoundException(404),
  TooManyRequestsException(429),
  InternalServerErrorException(500),
  ServiceUnavailableException(503);

  private final int status;

  ApiError(int status) {
    this.status = status;
  }

  public int status() {
    return status;
  }
}
