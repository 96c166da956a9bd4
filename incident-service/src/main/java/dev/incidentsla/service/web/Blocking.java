package dev.incidentsla.service.web;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.concurrent.Callable;

/** Runs blocking work (commands, event store reads) off the Netty event loop. */
final class Blocking {

    private Blocking() {
    }

    static <T> Mono<T> call(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }
}
