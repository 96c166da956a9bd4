package dev.incidentsla.service.deadline;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Axon's {@link DeadlineManager} on db-scheduler: deadlines are rows of {@code scheduled_tasks} in the shared
 * PostgreSQL (Flyway owns the table), written in the same transaction as the events of the command that
 * scheduled them, and fired by whichever node polls first.
 */
@Configuration(proxyBeanMethods = false)
public class DeadlineConfiguration {

    /** The task name Axon's db-scheduler deadline manager gives its deadlines. */
    static final String AXON_DEADLINE_TASK = "AxonDeadline";
    private static final double BACKOFF_RATE = 2.0;
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    /**
     * Axon's deadline task, with a failure policy that suits a race: the task Axon builds retries after five
     * minutes, while a deadline that lost to a concurrent command should look again at once.
     */
    @Bean
    @Qualifier("deadlineDetailsTask")
    Task<DbSchedulerBinaryDeadlineDetails> deadlineDetailsTask(ApplicationContext context, DeadlineSettings settings) {
        Task<DbSchedulerBinaryDeadlineDetails> axonTask =
                DbSchedulerDeadlineManager.binaryTask(() -> context.getBean(DbSchedulerDeadlineManager.class));
        FailureHandler<DbSchedulerBinaryDeadlineDetails> retrySoon =
                new FailureHandler.ExponentialBackoffFailureHandler<>(settings.firstRetry(), BACKOFF_RATE);
        return new OneTimeTask<>(AXON_DEADLINE_TASK, DbSchedulerBinaryDeadlineDetails.class, retrySoon) {
            @Override
            public void executeOnce(TaskInstance<DbSchedulerBinaryDeadlineDetails> instance, ExecutionContext context) {
                axonTask.execute(instance, context);
            }
        };
    }

    /**
     * Its writes join the caller's Spring transaction (the command's unit of work), so a deadline exists exactly
     * when the events that scheduled it were stored.
     */
    @Bean
    Scheduler deadlineScheduler(DataSource dataSource, List<Task<?>> tasks, DeadlineSettings settings, Clock clock) {
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
                .pollingInterval(settings.pollInterval())
                .pollUsingLockAndFetch(0.5, 1.0)
                .threads(settings.threads())
                .heartbeatInterval(settings.heartbeatInterval())
                .missedHeartbeatsLimit(settings.missedHeartbeats())
                .enableImmediateExecution()
                .alwaysPersistTimestampInUTC()
                .shutdownMaxWait(SHUTDOWN_WAIT)
                .clock(clock::instant)
                .build();
    }

    @Bean
    DbSchedulerDeadlineManager deadlineManager(Scheduler scheduler, org.axonframework.config.Configuration axon,
                                               @Qualifier("eventSerializer") Serializer serializer,
                                               TransactionManager transactionManager) {
        return DbSchedulerDeadlineManager.builder()
                .scheduler(scheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(axon))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .startScheduler(false)
                .stopScheduler(false)
                .build();
    }

    /**
     * Starts firing deadlines only once Axon is up (a deadline fired before the incident repository exists would
     * find no one to deliver it to), and stops before Axon does.
     */
    @Bean
    SmartLifecycle deadlineSchedulerLifecycle(Scheduler scheduler) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                scheduler.start();
                running = true;
            }

            @Override
            public void stop() {
                scheduler.stop();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return Integer.MAX_VALUE - 100;
            }
        };
    }
}
