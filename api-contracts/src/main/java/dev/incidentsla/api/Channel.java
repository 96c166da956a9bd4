package dev.incidentsla.api;

/** How the customer submitted the incident, or how a response reached the customer. */
public enum Channel {
    PHONE, WEB, CLOUD_PORTAL
}
