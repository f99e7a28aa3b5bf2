package dev.supervisor.spring.registration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import dev.supervisor.autoconfigure.GroupProperties;
import dev.supervisor.autoconfigure.SupervisorProperties;
import dev.supervisor.core.InvalidSettingException;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.group.GroupSpec;

/**
 * Registers the groups of {@code supervisor.groups} once every worker and process is
 * registered: each group's listed members, then the workers that name the group themselves
 * ({@code supervisor.workers.<name>.group} or {@code @Supervised(group = ...)}), in the order
 * they were registered. Groups listed as members of other groups are registered first.
 * <p>
 * Every inconsistency fails start-up naming the key that holds it: a member that no worker,
 * process or group is named after, a group that a worker names but that does not exist, a
 * member of two groups, groups that contain each other, a group with the name of a worker or
 * process, and a value the engine refuses.
 */
final class GroupRegistration {

	private final Supervisor supervisor;

	private final SupervisorProperties properties;

	private final Set<String> disabled;

	/** Each member's group, and the key that put it there. */
	private final Map<String, Membership> owners = new LinkedHashMap<>();

	private final Map<String, List<String>> members = new LinkedHashMap<>();

	GroupRegistration(Supervisor supervisor, SupervisorProperties properties, Set<String> disabled) {
		this.supervisor = supervisor;
		this.properties = properties;
		this.disabled = disabled;
	}

	/**
	 * Check and register every group.
	 * @param joiners the workers that name their group themselves, in registration order
	 */
	void register(List<Joiner> joiners) {
		Map<String, GroupProperties> groups = this.properties.groups();
		for (Map.Entry<String, GroupProperties> entry : groups.entrySet()) {
			String group = entry.getKey();
			if (this.supervisor.contains(group) || this.supervisor.containsGroup(group)) {
				throw new InvalidConfigurationPropertyValueException(SupervisorProperties.groupKey(group), group,
						"A worker or process is already named '" + group
								+ "'; workers, processes and groups share one namespace, so rename the group");
			}
			List<String> listed = new ArrayList<>();
			List<String> names = entry.getValue().members();
			for (int i = 0; i < names.size(); i++) {
				String key = SupervisorProperties.groupKey(group) + ".members[" + i + "]";
				String member = names.get(i);
				requireKnown(member, key);
				claim(member, group, key, () -> {
					throw new InvalidConfigurationPropertyValueException(key, member, twice(member, group));
				});
				listed.add(member);
			}
			this.members.put(group, listed);
		}
		for (Joiner joiner : joiners) {
			if (!groups.containsKey(joiner.group())) {
				joiner.reject("No group is named '" + joiner.group() + "'; known groups: " + new TreeSet<>(groups.keySet())
						+ " (declare it under supervisor.groups)");
			}
			Membership owner = this.owners.get(joiner.worker());
			if (owner != null && owner.group().equals(joiner.group())) {
				continue;
			}
			claim(joiner.worker(), joiner.group(), joiner.source(),
					() -> joiner.reject(twice(joiner.worker(), joiner.group())));
			this.members.get(joiner.group()).add(joiner.worker());
		}
		for (String group : inDependencyOrder()) {
			add(group, groups.get(group));
		}
	}

	private void requireKnown(String member, String key) {
		if (this.disabled.contains(member)) {
			throw new InvalidConfigurationPropertyValueException(key, member,
					"The worker '" + member + "' is disabled by its 'enabled' property; remove it from the group or enable it");
		}
		if (!this.supervisor.contains(member) && !this.supervisor.containsGroup(member)
				&& !this.properties.groups().containsKey(member)) {
			Set<String> known = new TreeSet<>(this.properties.groups().keySet());
			this.supervisor.statuses().forEach((status) -> known.add(status.name()));
			this.supervisor.groupStatuses().forEach((status) -> known.add(status.name()));
			throw new InvalidConfigurationPropertyValueException(key, member,
					"No worker, process or group is named '" + member + "'; known names: " + known);
		}
	}

	private void claim(String member, String group, String key, Runnable conflict) {
		Membership owner = this.owners.get(member);
		if (owner != null) {
			conflict.run();
		}
		this.owners.put(member, new Membership(group, key));
	}

	private String twice(String member, String group) {
		Membership owner = this.owners.get(member);
		return "'" + member + "' is already a member of group '" + owner.group() + "' (" + owner.key()
				+ "); a worker belongs to at most one group, so remove it from one of them";
	}

	/**
	 * The groups, each after the groups it contains.
	 * @throws InvalidConfigurationPropertyValueException if groups contain each other
	 */
	private List<String> inDependencyOrder() {
		Set<String> ordered = new LinkedHashSet<>();
		for (String group : this.members.keySet()) {
			visit(group, new ArrayList<>(), ordered);
		}
		return new ArrayList<>(ordered);
	}

	private void visit(String group, List<String> path, Set<String> ordered) {
		if (ordered.contains(group)) {
			return;
		}
		if (path.contains(group)) {
			List<String> cycle = new ArrayList<>(path.subList(path.indexOf(group), path.size()));
			cycle.add(group);
			throw new InvalidConfigurationPropertyValueException(SupervisorProperties.groupKey(group) + ".members",
					String.join(",", this.properties.groups().get(group).members()),
					"Groups contain each other: " + String.join(" -> ", cycle)
							+ "; a group cannot be a member of itself, directly or through another group");
		}
		path.add(group);
		for (String member : this.members.get(group)) {
			if (this.members.containsKey(member)) {
				visit(member, path, ordered);
			}
		}
		path.remove(path.size() - 1);
		ordered.add(group);
	}

	private void add(String group, GroupProperties settings) {
		GroupSpec spec;
		try {
			spec = settings.toSpec(group, this.members.get(group));
		}
		catch (InvalidSettingException ex) {
			throw WorkerSpecFactory.invalid(SupervisorProperties.groupKey(group), ex);
		}
		try {
			this.supervisor.addGroup(spec);
		}
		catch (IllegalArgumentException ex) {
			if (!spec.singleton()) {
				throw ex;
			}
			// Members that a singleton group cannot take.
			throw new InvalidConfigurationPropertyValueException(SupervisorProperties.groupKey(group) + ".singleton",
					"true", String.valueOf(ex.getMessage()));
		}
	}

	/**
	 * A worker that names its group itself.
	 *
	 * @param worker the worker's name
	 * @param group the group it names
	 * @param origin the level of its settings that names the group
	 */
	record Joiner(String worker, String group, WorkerSpecFactory.Level origin) {

		String source() {
			return this.origin.describe("group");
		}

		void reject(String reason) {
			throw this.origin.reject(this.worker, "group", reason);
		}

	}

	private record Membership(String group, String key) {
	}

}
