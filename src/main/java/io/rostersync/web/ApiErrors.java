package io.rostersync.web;

import io.rostersync.accounts.AdminAccounts;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the API as an RFC 9457 problem ({@code application/problem+json}) with a stable
 * {@code code} and a {@code hint}; a failure of ours is logged with an incident id the caller is
 * given, and no stack trace ever leaves the server.
 */
@RestControllerAdvice
class ApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> problem(ApiProblem e) {
        return of(e.status(), e.code(), e.getMessage(), e.hint());
    }

    @ExceptionHandler(AdminAccounts.InvalidAccountException.class)
    ResponseEntity<ProblemDetail> invalidAccount(AdminAccounts.InvalidAccountException e) {
        return of(HttpStatus.BAD_REQUEST, "invalid-account", e.getMessage(), "Change the value and send it again.");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> failure(Exception e) {
        String incident = UUID.randomUUID().toString();
        LOG.error("incident {}: the request failed", incident, e);
        return of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "The service could not complete the request (incident " + incident + ").",
                "Try again in a moment; if it keeps failing, give the incident id to your Rostersync operator.");
    }

    static ResponseEntity<ProblemDetail> of(HttpStatus status, String code, String message, String hint) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, message);
        body.setProperty("code", code);
        body.setProperty("hint", hint);
        return ResponseEntity.status(status).body(body);
    }
}
