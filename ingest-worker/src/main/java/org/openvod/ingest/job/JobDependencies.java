package org.openvod.ingest.job;

import org.openvod.ingest.encryption.ContentKeySource;
import org.openvod.ingest.metrics.IngestMetrics;
import org.openvod.ingest.notify.NotificationFactory;
import org.openvod.ingest.notify.NotificationPublisher;
import org.openvod.ingest.output.OutputStore;
import org.openvod.ingest.source.SourceAccess;

/**
 * What every job uses: source access, the output bucket, notifications, retry, metrics and the key
 * servers' client.
 */
public record JobDependencies(
    SourceAccess sourceAccess,
    OutputStore outputs,
    NotificationFactory notifications,
    NotificationPublisher publisher,
    RetryPolicy retry,
    IngestMetrics metrics,
    int progressStepPercent,
    ContentKeySource keys) {}
