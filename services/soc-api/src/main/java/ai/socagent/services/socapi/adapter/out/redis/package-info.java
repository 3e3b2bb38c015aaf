/** What the fleet shares in Redis: the clients' token buckets of {@code soc.api.throttle.shared=redis}. */
package ai.socagent.services.socapi.adapter.out.redis;
