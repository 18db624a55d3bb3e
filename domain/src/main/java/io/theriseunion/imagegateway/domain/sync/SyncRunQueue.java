package io.theriseunion.imagegateway.domain.sync;

import io.theriseunion.imagegateway.domain.api.SyncRequestedEvent;

/**
 * Where the sync process puts each requested run, so that a node of the cluster (any, and only one at a time) runs
 * it with {@link SyncProcess#run}, and another takes it up should that node stop or die before the run's result
 * is recorded. Called in the transaction of the sync process's token: a run is queued exactly once. A run's entry
 * goes with its recorded result, in the transaction of the result's command ({@link SyncProcess.RunEnd#RECORDED}):
 * a run that ends otherwise (refused, handed back) is removed or rescheduled by the queue itself.
 */
public interface SyncRunQueue {

    /**
     * @param request        the run's request
     * @param sequenceNumber the request's sequence number in its repository's stream (where to read it back)
     * @param correlationId  the request's correlation id, which the run's commands carry on
     */
    void enqueue(SyncRequestedEvent request, long sequenceNumber, String correlationId);
}
