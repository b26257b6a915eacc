/**
 * Where each user's mail is delivered, and moving a user between instances: the Postfix
 * transport map ({@code storemulti --postfix-transport FILE}: one line per user of every enabled
 * instance, pointing at that instance's LMTP socket) and {@code storemulti user-move}, the seed's
 * five steps (mirror, mirror, switch the route, kick, final mirror) as one resumable command whose
 * progress is a small record per user in the primary's data directory.
 *
 * <p>Owns the move records and the map's format. Must not touch the command line (the manager
 * package parses it), the sync algorithm (store-sync's) or an instance's main.cf other than the
 * primary's two {@code storemulti_*} map parameters.
 */
package org.storemulti.move;
