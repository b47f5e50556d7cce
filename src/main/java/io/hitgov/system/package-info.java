/**
 * Cross-cutting system configuration: model deployment, identity and authorizations,
 * security of the HTTP surface, start-up checks.
 */
package io.hitgov.system;
