package dev.incidentsla.service.web;

import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.contract.ProgramEntitlement;
import dev.incidentsla.api.contract.SupportLocation;
import dev.incidentsla.contract.ContractForm;
import dev.incidentsla.contract.ContractService;
import dev.incidentsla.contract.ContractView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;

@RestController
@RequestMapping("/api/v1/contracts")
class ContractController {

    /** A contract's terms; {@code UNIFIED} is implied when absent. */
    record ContractRequest(String customerName, SupportLocation supportLocation, List<ProgramEntitlement> programs) {
    }

    private final ContractService contracts;
    private final Visibility visibility;

    ContractController(ContractService contracts, Visibility visibility) {
        this.contracts = contracts;
        this.visibility = visibility;
    }

    @PutMapping("/{contractId}")
    Mono<ContractView> register(@PathVariable String contractId, @RequestBody ContractRequest request, ServerWebExchange exchange) {
        ContractId id = Ids.newContract(contractId);
        List<ProgramEntitlement> programs = BadRequestException.withoutNulls(request.programs(), "programs");
        ContractForm.problemOf(request.customerName(), request.supportLocation(), programs).ifPresent(problem -> {
            throw new BadRequestException(problem);
        });
        return visibility.ofContract(exchange, id.value()).then(RequestContexts.of(exchange))
                .flatMap(context -> Blocking.call(() -> contracts.register(id, request.customerName(),
                        request.supportLocation(), programs, context)));
    }

    @GetMapping("/{contractId}")
    Mono<ContractView> current(@PathVariable String contractId, ServerWebExchange exchange) {
        ContractId id = Ids.contract(contractId);
        return visibility.ofContract(exchange, id.value()).then(Blocking.call(() -> contracts.current(id)));
    }
}
