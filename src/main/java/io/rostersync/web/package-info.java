/**
 * The service's HTTP face: the REST API under {@code /api/v1} (and later the admin console). Every
 * request is signed in (an admin's password, or a district's API token) and checked against the
 * caller's district and schools; what an admin changes is written to the audit trail.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web")
package io.rostersync.web;
