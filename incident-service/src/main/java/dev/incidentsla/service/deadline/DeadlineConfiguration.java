package dev.incidentsla.service.deadline;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import dev.incidentsla.api.incident.IncidentDeadlineEvent;
import dev.incidentsla.eventstore.EventMetadata;
import dev.incidentsla.eventstore.signal.CommitSignal;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Axon's {@link DeadlineManager} on db-scheduler: deadlines are rows of {@code scheduled_tasks} in the shared
 * PostgreSQL (Flyway owns the table), written in the same transaction as the events of the command that
 * scheduled them, and fired by whichever node polls first.
 */
@Configuration(proxyBeanMethods = false)
public class DeadlineConfiguration {

    /** The task name Axon's db-scheduler deadline manager gives its deadlines. */
    static final String AXON_DEADLINE_TASK = "AxonDeadline";
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(5);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);
    static final String DEADLINE_ACTOR = "system:deadline";

    /**
     * Axon's deadline task, with a failure policy that suits a race: the task Axon builds retries after five
     * minutes, while a deadline that lost to a concurrent command should look again at once.
     */
    @Bean
    @Qualifier("deadlineDetailsTask")
    Task<DbSchedulerBinaryDeadlineDetails> deadlineDetailsTask(ApplicationContext context, DeadlineSettings settings) {
        Task<DbSchedulerBinaryDeadlineDetails> axonTask =
                DbSchedulerDeadlineManager.binaryTask(() -> context.getBean(DbSchedulerDeadlineManager.class));
        FailureHandler<DbSchedulerBinaryDeadlineDetails> retrySoon = new RetrySoon<>(settings.firstRetry(), LONGEST_RETRY);
        return new OneTimeTask<>(AXON_DEADLINE_TASK, DbSchedulerBinaryDeadlineDetails.class, retrySoon) {
            @Override
            public void executeOnce(TaskInstance<DbSchedulerBinaryDeadlineDetails> instance, ExecutionContext context) {
                axonTask.execute(instance, context);
            }
        };
    }

    /**
     * Its writes join the caller's Spring transaction (the command's unit of work), so a deadline exists exactly
     * when the events that scheduled it were stored. No immediate execution of its own: it would look for a deadline
     * already due before the command committed it; {@link DeadlineWakeups} looks once it has.
     */
    @Bean
    Scheduler deadlineScheduler(DataSource dataSource, List<Task<?>> tasks, DeadlineSettings settings, Clock clock) {
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
                .pollingInterval(settings.pollInterval())
                .pollUsingLockAndFetch(0.5, 1.0)
                .threads(settings.threads())
                .heartbeatInterval(settings.heartbeatInterval())
                .missedHeartbeatsLimit(settings.missedHeartbeats())
                .alwaysPersistTimestampInUTC()
                .shutdownMaxWait(SHUTDOWN_WAIT)
                .schedulerName(new SchedulerName.Fixed(ProcessHandle.current().pid() + "@" + new SchedulerName.Hostname().getName()))
                .clock(clock::instant)
                .build();
    }

    /**
     * Axon's manager with its rows written in one batch per transaction ({@link BatchedDeadlineManager}).
     * The facts a deadline records name who recorded them: the incident itself ({@value #DEADLINE_ACTOR}), under the
     * correlation id of the command that scheduled the deadline, so that an auditor can follow a breach back to the
     * request that opened or re-graded the incident.
     */
    @Bean
    DbSchedulerDeadlineManager deadlineManager(Scheduler scheduler, org.axonframework.config.Configuration axon,
                                               @Qualifier("eventSerializer") Serializer serializer,
                                               TransactionManager transactionManager,
                                               List<CorrelationDataProvider> correlationDataProviders) {
        DbSchedulerDeadlineManager manager = new BatchedDeadlineManager(DbSchedulerDeadlineManager.builder()
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(axon))
                .transactionManager(transactionManager)
                .startScheduler(false)
                .stopScheduler(false), scheduler, serializer);
        manager.registerDispatchInterceptor(messages -> (index, message) -> message
                .andMetaData(CurrentUnitOfWork.map(UnitOfWork::getCorrelationData).orElse(MetaData.emptyInstance()))
                .andMetaData(Map.of(EventMetadata.ACTOR, DEADLINE_ACTOR)));
        manager.registerHandlerInterceptor(new CorrelationDataInterceptor<>(correlationDataProviders));
        return manager;
    }

    /**
     * A deadline fact wakes the processes that publish alerts from the history once it is committed, rather than at
     * their next poll of the event store.
     */
    @Bean
    CommitSignal deadlineFactSignal(EventBus eventBus, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        CommitSignal signal = new CommitSignal(IncidentDeadlineEvent.class::isInstance, jdbc,
                new TransactionTemplate(transactions));
        eventBus.registerDispatchInterceptor(signal);
        return signal;
    }

    /** One thread that only wakes the scheduler: its work is a signal, the firing happens on the scheduler's threads. */
    @Bean(destroyMethod = "shutdown")
    ThreadPoolTaskScheduler deadlineWakeupThread(Clock clock) {
        ThreadPoolTaskScheduler thread = new ThreadPoolTaskScheduler();
        thread.setPoolSize(1);
        thread.setThreadNamePrefix("deadline-wakeup-");
        thread.setClock(clock);
        thread.setRemoveOnCancelPolicy(true);
        thread.initialize();
        return thread;
    }

    @Bean
    DeadlineWakeups deadlineWakeups(Scheduler scheduler, @Qualifier("deadlineWakeupThread") ThreadPoolTaskScheduler thread,
                                    JdbcTemplate jdbc, Clock clock, DeadlineSettings settings) {
        DeadlineWakeups wakeups = new DeadlineWakeups(scheduler, thread, jdbc, clock, settings.lookAhead());
        scheduler.registerSchedulerListener(wakeups);
        return wakeups;
    }

    /**
     * Starts firing deadlines only once Axon is up (a deadline fired before the incident repository exists would
     * find no one to deliver it to), and stops before Axon does.
     */
    @Bean
    SmartLifecycle deadlineSchedulerLifecycle(Scheduler scheduler, DeadlineWakeups wakeups) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                scheduler.start();
                wakeups.start();
                running = true;
            }

            @Override
            public void stop() {
                wakeups.stop();
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
