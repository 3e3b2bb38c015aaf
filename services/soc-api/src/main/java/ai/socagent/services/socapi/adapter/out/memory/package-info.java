/** What this instance keeps in its own memory: the clients' token buckets of the default (standalone) throttle. */
package ai.socagent.services.socapi.adapter.out.memory;
