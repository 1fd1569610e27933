package org.callbackgateway.forwarding;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.callbackgateway.callbacks.SignedCallbackModule;
import org.callbackgateway.config.ForwardingConfig;
import org.callbackgateway.crypto.SecretBox;
import org.callbackgateway.db.JdbiFactory;
import org.callbackgateway.events.EventLog;
import org.callbackgateway.events.EventsModule;
import org.callbackgateway.web.FeatureModule;
import org.callbackgateway.web.Foundation;
import org.jdbi.v3.core.Jdbi;

/**
 * Forwarding, wired: the subscriptions admin API, and this instance's share of the cluster's forwarding (fan-out
 * of new events, then signed delivery with retries), woken by the event log.
 */
public final class ForwardingModule implements FeatureModule {
    private final SubscriptionService subscriptions;
    private final ForwardingService forwarding;
    private final HttpForwarder http;
    private final HttpForwarder operatorHttp;
    private final ForwardingLoop loop;
    private final EventLog log;
    private final Optional<URI> agentUrl;
    private final EventEnvelopes envelopes;
    private AutoCloseable listening;

    /**
     * @param callbacks whose delivery inbox holds the originals of {@code delivery.received} events
     * @param meters where forwarding's meters go
     */
    public ForwardingModule(Foundation foundation, EventsModule events, SignedCallbackModule callbacks,
                            MeterRegistry meters) {
        this(foundation.jdbi(), events.log(), foundation.config().forwarding(),
                foundation.config().encryption().map(SecretBox::new),
                foundation.config().hpc().notificationAgentUrl(), callbacks.inbox()::content, foundation.mapper(),
                meters, foundation.clock());
    }

    ForwardingModule(Jdbi jdbi, EventLog log, ForwardingConfig config, Optional<SecretBox> box,
                     Optional<URI> agentUrl, DeliveryContents deliveries, ObjectMapper mapper,
                     MeterRegistry meters, Clock clock) {
        JdbiFactory.precomputeSqlObjects(jdbi, List.of(SubscriptionDao.class, OutboundDao.class));
        this.log = log;
        this.agentUrl = agentUrl;
        AddressPolicy policy = new AddressPolicy(config.allowPrivate());
        this.subscriptions = new SubscriptionService(jdbi, box, new TargetUrls(policy), mapper, clock);
        this.http = new HttpForwarder(policy, config.concurrencyPerSubscription());
        this.operatorHttp = new HttpForwarder(new AddressPolicy(true), config.concurrencyPerSubscription());
        ForwardingMetrics metrics = new ForwardingMetrics(meters);
        Outcomes outcomes = new Outcomes(jdbi, new Backoff(config.retryInitial(), config.retryMax(), config.horizon()),
                config.circuitFailures(), config.circuitProbe(), clock, metrics);
        Envelopes bodies = new Envelopes(mapper);
        this.envelopes = new EventEnvelopes(bodies, deliveries);
        Composer composer = new Composer(log, envelopes, new AgentMessages(mapper));
        SubscriptionTargets targets = new SubscriptionTargets(jdbi, box, mapper);
        this.loop = new ForwardingLoop(jdbi, new FanOut(jdbi, log, clock),
                wake -> new Dispatcher(jdbi, targets, composer, http, operatorHttp, outcomes, config.concurrencyPerSubscription(),
                        config.circuitProbe(), clock, wake),
                metrics, config.pollInterval(), clock);
        this.forwarding = new ForwardingService(jdbi, log, clock, loop::wake);
    }

    /** Points the notification agent's subscription at its setting, then starts forwarding. */
    @Override
    public void start() {
        subscriptions.configureAgent(agentUrl);
        http.start();
        operatorHttp.start();
        listening = log.onAdvance(head -> loop.wake());
        loop.start();
    }

    @Override
    public List<Object> resources() {
        return List.of(new SubscriptionResource(subscriptions, forwarding));
    }

    /** The envelopes events are forwarded in, for other views of the event log. */
    public EventEnvelopes envelopes() {
        return envelopes;
    }

    public SubscriptionService subscriptions() {
        return subscriptions;
    }

    @Override
    public void close() {
        try {
            if (listening != null) {
                listening.close();
            }
        } catch (Exception ignored) {
            // Only removes a listener.
        }
        loop.close();
        http.close();
        operatorHttp.close();
    }
}
