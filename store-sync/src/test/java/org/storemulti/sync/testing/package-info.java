/**
 * Test support other modules share through store-sync's test jar: real mail programs started
 * for one test ({@link org.storemulti.sync.testing.ThrowawayDovecot}).
 */
package org.storemulti.sync.testing;
