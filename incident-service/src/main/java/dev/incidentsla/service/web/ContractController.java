package dev.incidentsla.service.web;

import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.contract.ProgramEntitlement;
import dev.incidentsla.api.contract.SupportLocation;
import dev.incidentsla.contract.ContractForm;
import dev.incidentsla.contract.ContractService;
import dev.incidentsla.contract.ContractView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
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
@Tag(name = "Contracts", description = "Customers' contracts: support locations, business hours, programs")
class ContractController {

    /**
     * A contract's terms; {@code UNIFIED} is implied when absent. {@code supportLocation} alone is a contract with one
     * location; {@code supportLocations} lists several, and {@code supportLocation}, when given with them, says which
     * is the primary (by its id, with the same settings), else the first is.
     */
    record ContractRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Contoso") String customerName,
                           @Schema(description = "The primary support location, the one incidents naming none are "
                                   + "supported from. Required unless `supportLocations` is given; given with them, it "
                                   + "must be the entry of its `id`, with the same settings")
                           SupportLocation supportLocation,
                           @Schema(description = "The programs the contract holds; UNIFIED is implied when absent")
                           List<ProgramEntitlement> programs,
                           @Schema(description = "Every support location of a contract supported from several (a host "
                                   + "location and downstream ones), each with its own `id`, distinct; the first is the "
                                   + "primary unless `supportLocation` names another. Incidents name one by `id`")
                           List<SupportLocation> supportLocations) {
    }

    private final ContractService contracts;
    private final Visibility visibility;

    ContractController(ContractService contracts, Visibility visibility) {
        this.contracts = contracts;
        this.visibility = visibility;
    }

    @PutMapping(value = "/{contractId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Register or amend a contract", description = "Role: `contract-admin`. Each change is a new "
            + "version; an incident uses the version in force at its submission. Answers the version this request made.")
    @ApiResponse(responseCode = "200", description = "The contract as registered, with its new `version`")
    Mono<ContractView> register(@PathVariable String contractId, @RequestBody ContractRequest request, ServerWebExchange exchange) {
        ContractId id = Ids.newContract(contractId);
        List<ProgramEntitlement> programs = BadRequestException.withoutNulls(request.programs(), "programs");
        List<SupportLocation> locations = BadRequestException.withoutNulls(request.supportLocations(), "supportLocations");
        ContractForm.problemOf(request.customerName(), request.supportLocation(), locations, programs).ifPresent(problem -> {
            throw new BadRequestException(problem);
        });
        return visibility.ofContract(exchange, id.value()).then(RequestContexts.of(exchange))
                .flatMap(context -> Blocking.call(() -> contracts.register(id, request.customerName(),
                        request.supportLocation(), locations, programs, context)));
    }

    @GetMapping(value = "/{contractId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Read a contract's current version", description = "Role: `contract-admin` or `auditor`.")
    Mono<ContractView> current(@PathVariable String contractId, ServerWebExchange exchange) {
        ContractId id = Ids.contract(contractId);
        return visibility.ofContract(exchange, id.value()).then(Blocking.call(() -> contracts.current(id)));
    }
}
