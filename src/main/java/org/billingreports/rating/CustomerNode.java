package org.billingreports.rating;

/**
 * A customer as far as its prices are concerned: its place in the tree and its own settings.
 *
 * @param parentId the parent customer, or {@code null} at the top of the tree
 * @param ownSettings its own settings, used only when {@code overrideSettings}
 */
public record CustomerNode(String id, String parentId, boolean overrideSettings, BillingSettings ownSettings) {
}
