package dev.supervisor.autoconfigure;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import dev.supervisor.core.InvalidSettingException;
import dev.supervisor.core.process.ProcessSpec;

/**
 * Settings of one supervised OS process: the settings every worker has, plus what to run and
 * how. The worker settings are merged with {@code supervisor.defaults} like any worker's; the
 * process settings apply to this process only.
 * <p>
 * The worker settings are bound from the process's own keys, such as
 * {@code supervisor.processes.redis.restart}: their component has an empty {@link Name}, and
 * the {@code configprops} endpoint shows them unwrapped.
 *
 * @param worker the settings every worker has
 * @param command Command line to run, program first; not run through a shell.
 * @param workingDirectory Working directory of the process; the application's own when not set.
 * @param environment Environment variables added to the application's environment for the
 * process.
 * @param inheritEnvironment Whether the process sees the application's whole environment; when
 * false it sees only the variables named in pass-environment and those of environment.
 * @param passEnvironment Names of the application's environment variables the process still
 * sees when inherit-environment is false, such as PATH and LANG.
 * @param stopTimeout How long to wait after SIGTERM before the process and its descendants are
 * killed.
 * @param successExitCodes Exit codes that count as a successful run.
 * @param outputLines Number of recent output lines kept in memory.
 */
public record ProcessProperties(@JsonUnwrapped @Name("") @DefaultValue WorkerProperties worker,
		@DefaultValue List<String> command, @Nullable File workingDirectory,
		@DefaultValue Map<String, String> environment, @DefaultValue("true") boolean inheritEnvironment,
		@DefaultValue List<String> passEnvironment, @DefaultValue("10s") Duration stopTimeout,
		@DefaultValue("0") List<Integer> successExitCodes, @DefaultValue("200") int outputLines) {

	/**
	 * The engine's spec of the process, validated by the engine, whose program is found as the
	 * process worker will look for it, so that a typo fails start-up rather than every run.
	 * @param name the process's name
	 * @return the spec
	 * @throws InvalidConfigurationPropertyValueException for a working directory that does not
	 * exist, or pass-environment without inherit-environment=false
	 * @throws InvalidSettingException if the engine refuses a value or finds no program
	 */
	public ProcessSpec toSpec(String name) {
		String key = SupervisorProperties.processKey(name);
		if (this.workingDirectory != null && !this.workingDirectory.isDirectory()) {
			throw new InvalidConfigurationPropertyValueException(key + ".working-directory", this.workingDirectory,
					"The working directory of a process must be an existing directory");
		}
		if (this.inheritEnvironment && !this.passEnvironment.isEmpty()) {
			throw new InvalidConfigurationPropertyValueException(key + ".pass-environment", this.passEnvironment,
					"pass-environment applies only with " + key + ".inherit-environment=false: with true, every "
							+ "variable of the application is passed already");
		}
		ProcessSpec spec = ProcessSpec.builder(name, this.command)
			.workingDirectory((this.workingDirectory != null) ? this.workingDirectory.toPath() : null)
			.environment(this.environment)
			.inheritEnvironment(this.inheritEnvironment)
			.passEnvironment(this.passEnvironment)
			.stopTimeout(this.stopTimeout)
			.successExitCodes(this.successExitCodes)
			.outputLines(this.outputLines)
			.build();
		spec.requireProgram();
		return spec;
	}

}
