package io.rostersync.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** The console's errors as a page of its own: what happened and what to do; never a stack trace. */
@ControllerAdvice(assignableTypes = {ConsoleController.class, ConsoleDrops.class, ConsoleSchools.class,
    ConsoleSync.class, ConsoleSftp.class, ConsoleRuns.class, ConsoleClassrooms.class, ConsoleSelfCheck.class,
    ConsoleReviews.class, ConsoleDirectory.class, ConsoleCleanup.class, ConsoleRosterApi.class, ConsoleSso.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleErrors.class);

    @ExceptionHandler(ApiProblem.class)
    String problem(ApiProblem e, Model model, HttpServletResponse response) {
        response.setStatus(e.status().value());
        model.addAttribute("status", e.status().value());
        model.addAttribute("message", e.getMessage());
        model.addAttribute("hint", e.hint());
        return "console/error";
    }

    @ExceptionHandler(Exception.class)
    String failure(Exception e, Model model, HttpServletResponse response) {
        String incident = UUID.randomUUID().toString();
        LOG.error("incident {}: a console page failed", incident, e);
        response.setStatus(500);
        model.addAttribute("status", 500);
        model.addAttribute("message", "The page could not be shown (incident " + incident + ").");
        model.addAttribute("hint", "Try again in a moment; if it keeps failing, give the incident id to your"
                + " Rostersync operator.");
        return "console/error";
    }
}
