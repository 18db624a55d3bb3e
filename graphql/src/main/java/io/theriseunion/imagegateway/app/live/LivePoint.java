package io.theriseunion.imagegateway.app.live;

/**
 * Where a read of the catalogue stood in what a node tells its subscribers live, taken before the read: the node
 * (one id per start of the gateway), how many repository and status changes it had told by then, and the position
 * in the event store through which the catalogue had applied every event. A change told after that count, or of an
 * event after that position, may be missing from the read; anything else is in it.
 */
public record LivePoint(String node, long told, long catalogued) {
}
