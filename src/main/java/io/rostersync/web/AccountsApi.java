package io.rostersync.web;

import io.rostersync.accounts.Admin;
import io.rostersync.accounts.AdminAccounts;
import io.rostersync.accounts.AdminRole;
import io.rostersync.accounts.ApiTokens;
import io.rostersync.accounts.AuditTrail;
import io.rostersync.directory.District;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A district's admin accounts, API tokens and audit trail: a district admin's to manage and read. */
@RestController
@RequestMapping("/api/v1/districts/{district}")
class AccountsApi {

    private final Access access;
    private final Audit audit;
    private final AdminAccounts admins;
    private final ApiTokens tokens;
    private final AuditTrail trail;

    AccountsApi(Access access, Audit audit, DataSource dataSource) {
        this.access = access;
        this.audit = audit;
        this.admins = new AdminAccounts(dataSource);
        this.tokens = new ApiTokens(dataSource);
        this.trail = new AuditTrail(dataSource);
    }

    @GetMapping("/admins")
    List<Views.AdminView> admins(@AuthenticationPrincipal Caller caller, @PathVariable String district)
            throws SQLException {
        District d = access.districtAdmin(caller, district, "list the admin accounts");
        return admins.list(d.id()).stream().map(Views.AdminView::of).toList();
    }

    @PostMapping("/admins")
    @ResponseStatus(HttpStatus.CREATED)
    Views.AdminView createAdmin(@AuthenticationPrincipal Caller caller, @PathVariable String district,
            @RequestBody Views.NewAdmin body) throws SQLException {
        District d = access.districtAdmin(caller, district, "create admin accounts");
        AdminRole role;
        if ("district_admin".equals(body.role())) {
            role = AdminRole.DISTRICT_ADMIN;
        } else if ("school_admin".equals(body.role())) {
            role = AdminRole.SCHOOL_ADMIN;
        } else {
            throw ApiProblem.invalid("No admin role '" + body.role() + "'.", "Use district_admin or school_admin.");
        }
        // schools are checked against the caller's district inside create: another district's id is "no such school"
        Admin created = admins.create(d.id(), body.username(), body.password(), role,
                body.schools() == null ? List.of() : body.schools());
        audit.record(caller, "admin.create", "admin " + created.username(),
                Views.lower(role.name()) + (created.schools().isEmpty() ? "" : " of schools " + created.schools()));
        return Views.AdminView.of(created);
    }

    @GetMapping("/tokens")
    List<Views.TokenView> tokens(@AuthenticationPrincipal Caller caller, @PathVariable String district)
            throws SQLException {
        District d = access.districtAdmin(caller, district, "list the API tokens");
        return tokens.list(d.id()).stream().map(Views.TokenView::of).toList();
    }

    @PostMapping("/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    Views.IssuedToken issueToken(@AuthenticationPrincipal Caller caller, @PathVariable String district,
            @RequestBody Views.NewToken body) throws SQLException {
        District d = access.districtAdmin(caller, district, "create API tokens");
        ApiTokens.Issued issued = tokens.issue(d.id(), body.name(), caller.name());
        audit.record(caller, "token.create", "token #" + issued.token().id(), issued.token().name());
        return new Views.IssuedToken(Views.TokenView.of(issued.token()), issued.secret(),
                "Shown this once; only its SHA-256 is kept. Send it as: Authorization: Bearer <secret>");
    }

    @DeleteMapping("/tokens/{token}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeToken(@AuthenticationPrincipal Caller caller, @PathVariable String district, @PathVariable long token)
            throws SQLException {
        District d = access.districtAdmin(caller, district, "revoke API tokens");
        if (!tokens.revoke(d.id(), token)) {
            throw ApiProblem.notFound("Live token #" + token);
        }
        audit.record(caller, "token.revoke", "token #" + token, null);
    }

    @GetMapping("/audit")
    Views.Page<Views.AuditView> audit(@AuthenticationPrincipal Caller caller, @PathVariable String district,
            @RequestParam(required = false) Long before, @RequestParam(defaultValue = "100") int limit)
            throws SQLException {
        District d = access.districtAdmin(caller, district, "read the audit trail");
        int size = Math.max(1, Math.min(limit, 500));
        List<Views.AuditView> page = trail.list(d.id(), before, size).stream().map(Views.AuditView::of).toList();
        return new Views.Page<>(page, page.size() == size ? page.get(page.size() - 1).id() : null);
    }
}
