/**
 * Facts a feature announces to whoever listens (Spring application events, published synchronously
 * inside the announcing transaction): escalations and gate decisions, for e-mail notifications. An
 * event carries ids, group ids and outcomes only.
 */
package io.hitgov.shared.event;
