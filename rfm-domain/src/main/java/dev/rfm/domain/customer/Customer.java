package dev.rfm.domain.customer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;

/** A customer known from the source systems, identified there by its external id. */
@Entity
@Table(name = "customer")
public class Customer {

    public static final int MAX_EXTERNAL_ID = 64;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "external_id", nullable = false, length = MAX_EXTERNAL_ID)
    private String externalId;

    private String name;

    private String email;

    @Column(name = "first_seen", nullable = false)
    private LocalDate firstSeen;

    @Column(name = "created_at", nullable = false)
    private LocalDateTime createdAt;

    protected Customer() {}

    public Customer(String externalId, LocalDate firstSeen, LocalDateTime createdAt) {
        this.externalId = checkExternalId(externalId);
        this.firstSeen = Objects.requireNonNull(firstSeen, "firstSeen");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Rejects what the source systems can't have meant as an id: blank, or longer than the column. */
    public static String checkExternalId(String externalId) {
        if (externalId == null || externalId.isBlank()) {
            throw new IllegalArgumentException("customer id is empty");
        }
        if (externalId.length() > MAX_EXTERNAL_ID) {
            throw new IllegalArgumentException("customer id is longer than " + MAX_EXTERNAL_ID + " characters");
        }
        return externalId;
    }

    public Long getId() {
        return id;
    }

    public String getExternalId() {
        return externalId;
    }

    public String getName() {
        return name;
    }

    public String getEmail() {
        return email;
    }

    public void rename(String name, String email) {
        this.name = name;
        this.email = email;
    }

    public LocalDate getFirstSeen() {
        return firstSeen;
    }

    public LocalDateTime getCreatedAt() {
        return createdAt;
    }
}
