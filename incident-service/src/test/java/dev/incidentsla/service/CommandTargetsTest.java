package dev.incidentsla.service;

import dev.incidentsla.api.Channel;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.contract.ProgramEntitlement;
import dev.incidentsla.api.contract.RegisterContract;
import dev.incidentsla.api.contract.SupportLocation;
import dev.incidentsla.api.incident.CloseIncident;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.api.incident.OpenIncident;
import dev.incidentsla.api.incident.RecordFirstResponse;
import dev.incidentsla.api.incident.RegradeIncident;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The same target as Axon's annotation resolver finds, for every shape of command, found once per command type. */
class CommandTargetsTest {

    private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");

    private final CommandTargetResolver axon = AnnotationCommandTargetResolver.builder().build();
    private final CommandTargets targets = new CommandTargets();

    record Unannotated(IncidentId incidentId) {
    }

    record NotPublic(@TargetAggregateIdentifier String id) {
    }

    record Versioned(@TargetAggregateIdentifier String id, @TargetAggregateVersion Long version) {
    }

    static final class NotARecord {
        @TargetAggregateIdentifier
        private final String id;

        NotARecord(String id) {
            this.id = id;
        }
    }

    @Test
    void the_commands_of_the_contracts_resolve_to_what_axon_resolves_them_to() {
        IncidentId incident = new IncidentId("INC-1");
        List<Object> commands = List.of(
                new OpenIncident(incident, new ContractId("contoso"), Severity.SEV_1, "azure-virtual-machines", Channel.PHONE,
                        false, AT, null, "title"),
                new RegradeIncident(incident, Severity.A, null, "worse", null, null),
                new RecordFirstResponse(incident, AT, Channel.PHONE, "eng-7"),
                new CloseIncident(incident, AT, "fixed"),
                new RegisterContract(new ContractId("contoso"), "Contoso", SupportLocation.of("Asia/Jakarta", "ID"),
                        List.of(ProgramEntitlement.of("UER")), AT, null));
        for (Object command : commands) {
            VersionedAggregateIdentifier expected = axon.resolveTarget(message(command));
            VersionedAggregateIdentifier resolved = targets.resolveTarget(message(command));
            assertThat(resolved).as(command.getClass().getSimpleName()).isEqualTo(expected);
            assertThat(resolved.getIdentifierValue()).isSameAs(expected.getIdentifierValue());
            assertThat(targets.resolveTarget(message(command))).as("again, from what was found once").isEqualTo(expected);
            assertThat(targets.readsDirectly(command.getClass())).as(command.getClass().getSimpleName()).isTrue();
        }
        assertThat(targets.resolveTarget(message(new NotPublic("agg-3"))))
                .isEqualTo(axon.resolveTarget(message(new NotPublic("agg-3"))));
        assertThat(targets.readsDirectly(NotPublic.class)).isTrue();
    }

    @Test
    void a_command_of_another_shape_is_resolved_by_axon_as_before() {
        assertThat(targets.resolveTarget(message(new Versioned("agg-1", 4L))))
                .isEqualTo(axon.resolveTarget(message(new Versioned("agg-1", 4L))))
                .extracting(VersionedAggregateIdentifier::getVersion).isEqualTo(4L);
        assertThat(targets.resolveTarget(message(new NotARecord("agg-2"))))
                .isEqualTo(axon.resolveTarget(message(new NotARecord("agg-2"))));
        assertThat(targets.readsDirectly(Versioned.class)).as("a version to check: Axon's search").isFalse();
        assertThat(targets.readsDirectly(NotARecord.class)).isFalse();
        assertThat(targets.readsDirectly(Unannotated.class)).isFalse();
    }

    @Test
    void a_command_without_a_target_is_refused_as_axon_refuses_it() {
        assertThatThrownBy(() -> targets.resolveTarget(message(new Unannotated(new IncidentId("INC-2")))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> targets.resolveTarget(message(new CloseIncident(null, AT, "fixed"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static CommandMessage<?> message(Object command) {
        return GenericCommandMessage.asCommandMessage(command);
    }
}
