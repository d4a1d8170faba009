package dev.flinkdesk.examples;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Flink Desk's first job: generates numbered events at a fixed rate, upper-cases them and prints them to the
 * TaskManager's stdout.
 *
 * <p>Arguments (all optional):
 *
 * <ul>
 *   <li>{@code --records N}: stop after N events (the job then FINISHES); default: run until cancelled.
 *   <li>{@code --rate R}: events per second across all source subtasks; default 5.
 *   <li>{@code --checkpoint-interval MS}: enable checkpoints every MS milliseconds; default: off.
 *   <li>{@code --name NAME}: the job's name; default "flink-desk-datagen".
 *   <li>{@code --snapshot-delay-ms MS}: each checkpoint and savepoint of the upper-case operator takes MS
 *       milliseconds longer, like a large state would; default 0.
 * </ul>
 *
 * <p>Only APIs present in both Flink 1.20 and Flink 2.x are used, so the same jar runs on either.
 */
public final class DatagenJob {

    private DatagenJob() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (options.checkpointIntervalMs > 0) {
            env.enableCheckpointing(options.checkpointIntervalMs);
        }

        DataGeneratorSource<String> source =
                new DataGeneratorSource<>(
                        new EventGenerator(),
                        options.records,
                        RateLimiterStrategy.perSecond(options.rate),
                        Types.STRING);

        env.fromSource(source, WatermarkStrategy.noWatermarks(), "datagen")
                .map(new UpperCase(options.snapshotDelayMs))
                .name("upper-case")
                .print()
                .name("print");

        env.execute(options.name);
    }

    /** Turns the generator's sequence number into an event. */
    static final class EventGenerator implements GeneratorFunction<Long, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String map(Long index) {
            return "event-" + index;
        }
    }

    /** The "business logic": a trivial transformation (its snapshot can be made slow, as a large state's is). */
    static final class UpperCase implements MapFunction<String, String>, CheckpointedFunction {
        private static final long serialVersionUID = 1L;
        private final long snapshotDelayMs;

        UpperCase(long snapshotDelayMs) {
            this.snapshotDelayMs = snapshotDelayMs;
        }

        @Override
        public String map(String value) {
            return value.toUpperCase();
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) throws Exception {
            if (snapshotDelayMs > 0) {
                Thread.sleep(snapshotDelayMs);
            }
        }

        @Override
        public void initializeState(FunctionInitializationContext context) {}
    }

    /** Minimal argument parsing (ParameterTool moved packages between Flink 1.x and 2.x). */
    static final class Options {
        long records = Long.MAX_VALUE;
        double rate = 5;
        long checkpointIntervalMs = 0;
        String name = "flink-desk-datagen";
        long snapshotDelayMs = 0;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String key = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + key);
                }
                String value = args[++i];
                switch (key) {
                    case "--records":
                        o.records = Long.parseLong(value);
                        if (o.records <= 0) {
                            throw new IllegalArgumentException("--records must be positive");
                        }
                        break;
                    case "--rate":
                        o.rate = Double.parseDouble(value);
                        if (!(o.rate > 0)) {
                            throw new IllegalArgumentException("--rate must be positive");
                        }
                        break;
                    case "--checkpoint-interval":
                        o.checkpointIntervalMs = Long.parseLong(value);
                        break;
                    case "--snapshot-delay-ms":
                        o.snapshotDelayMs = Long.parseLong(value);
                        if (o.snapshotDelayMs < 0) {
                            throw new IllegalArgumentException("--snapshot-delay-ms must not be negative");
                        }
                        break;
                    case "--name":
                        o.name = value;
                        break;
                    default:
                        throw new IllegalArgumentException(
                                "unknown argument " + key
                                        + " (expected --records N, --rate R, --checkpoint-interval MS, --name NAME,"
                                        + " --snapshot-delay-ms MS)");
                }
            }
            return o;
        }
    }
}
