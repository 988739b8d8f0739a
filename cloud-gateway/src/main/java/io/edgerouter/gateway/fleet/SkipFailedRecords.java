package io.edgerouter.gateway.fleet;

import io.micrometer.core.instrument.Counter;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.jboss.logging.Logger;

import java.util.Map;

/**
 * The learning loop's processing exception handler: a record whose processing throws is logged with where it came
 * from, counted in {@code gateway_learning_skipped_records_total}, and skipped. One bad record never stops the loop
 * (malformed telemetry does not even get here: {@link TelemetryIntake} sends it to the DLQ).
 */
public final class SkipFailedRecords implements ProcessingExceptionHandler {

    private static final Logger LOG = Logger.getLogger(SkipFailedRecords.class);

    /** The configuration entry holding the Micrometer {@link Counter} to count skipped records in. */
    static final String COUNTER = "edge.learning.skipped-records-counter";

    private Counter skipped;

    @Override
    public void configure(Map<String, ?> configs) {
        Object counter = configs.get(COUNTER);
        skipped = counter instanceof Counter c ? c : null;
    }

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        LOG.errorf(exception, "learning loop: record skipped (topic %s, partition %d, offset %d, processor %s)",
                context.topic(), context.partition(), context.offset(), context.processorNodeId());
        if (skipped != null) {
            skipped.increment();
        }
        return ProcessingHandlerResponse.CONTINUE;
    }
}
