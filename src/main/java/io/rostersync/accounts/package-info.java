/**
 * Who may act on a district, and what they did: local admin accounts (a district admin, or a school
 * admin limited to their schools) with Argon2id password hashes, per-district API tokens (kept only
 * as their SHA-256), the lockout that slows down password guessing, and the audit trail of admin
 * actions.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts")
package io.rostersync.accounts;
