package dev.incidentsla.service;

import org.axonframework.commandhandling.CommandMessage;

import java.util.List;

/**
 * A read that several commands of a group would each make, made once for the group: called in the group's unit of work
 * and transaction before its first command is handled, with the group's commands in the order they will be handled.
 * What it reads goes where the commands' own reads look first (the unit of work's resources). A read that fails fails
 * the group, whose commands are then each sent alone, as after any failure in a group.
 */
public interface GroupReads {

    void readAhead(List<CommandMessage<?>> group);
}
