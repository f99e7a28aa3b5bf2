package dev.supervisor.benchmarks.startup;

import org.springframework.stereotype.Component;

import dev.supervisor.annotation.Supervised;

/**
 * {@value #COUNT} {@code @Supervised} worker beans, each of its own class as in an application,
 * found by component scanning. Without the supervisor's auto-configuration they are plain beans.
 */
final class IdleWorkers {

	static final int COUNT = 100;

	private IdleWorkers() {
	}

	@Component("worker00") @Supervised static final class Worker00 extends IdleWorker { }
	@Component("worker01") @Supervised static final class Worker01 extends IdleWorker { }
	@Component("worker02") @Supervised static final class Worker02 extends IdleWorker { }
	@Component("worker03") @Supervised static final class Worker03 extends IdleWorker { }
	@Component("worker04") @Supervised static final class Worker04 extends IdleWorker { }
	@Component("worker05") @Supervised static final class Worker05 extends IdleWorker { }
	@Component("worker06") @Supervised static final class Worker06 extends IdleWorker { }
	@Component("worker07") @Supervised static final class Worker07 extends IdleWorker { }
	@Component("worker08") @Supervised static final class Worker08 extends IdleWorker { }
	@Component("worker09") @Supervised static final class Worker09 extends IdleWorker { }
	@Component("worker10") @Supervised static final class Worker10 extends IdleWorker { }
	@Component("worker11") @Supervised static final class Worker11 extends IdleWorker { }
	@Component("worker12") @Supervised static final class Worker12 extends IdleWorker { }
	@Component("worker13") @Supervised static final class Worker13 extends IdleWorker { }
	@Component("worker14") @Supervised static final class Worker14 extends IdleWorker { }
	@Component("worker15") @Supervised static final class Worker15 extends IdleWorker { }
	@Component("worker16") @Supervised static final class Worker16 extends IdleWorker { }
	@Component("worker17") @Supervised static final class Worker17 extends IdleWorker { }
	@Component("worker18") @Supervised static final class Worker18 extends IdleWorker { }
	@Component("worker19") @Supervised static final class Worker19 extends IdleWorker { }
	@Component("worker20") @Supervised static final class Worker20 extends IdleWorker { }
	@Component("worker21") @Supervised static final class Worker21 extends IdleWorker { }
	@Component("worker22") @Supervised static final class Worker22 extends IdleWorker { }
	@Component("worker23") @Supervised static final class Worker23 extends IdleWorker { }
	@Component("worker24") @Supervised static final class Worker24 extends IdleWorker { }
	@Component("worker25") @Supervised static final class Worker25 extends IdleWorker { }
	@Component("worker26") @Supervised static final class Worker26 extends IdleWorker { }
	@Component("worker27") @Supervised static final class Worker27 extends IdleWorker { }
	@Component("worker28") @Supervised static final class Worker28 extends IdleWorker { }
	@Component("worker29") @Supervised static final class Worker29 extends IdleWorker { }
	@Component("worker30") @Supervised static final class Worker30 extends IdleWorker { }
	@Component("worker31") @Supervised static final class Worker31 extends IdleWorker { }
	@Component("worker32") @Supervised static final class Worker32 extends IdleWorker { }
	@Component("worker33") @Supervised static final class Worker33 extends IdleWorker { }
	@Component("worker34") @Supervised static final class Worker34 extends IdleWorker { }
	@Component("worker35") @Supervised static final class Worker35 extends IdleWorker { }
	@Component("worker36") @Supervised static final class Worker36 extends IdleWorker { }
	@Component("worker37") @Supervised static final class Worker37 extends IdleWorker { }
	@Component("worker38") @Supervised static final class Worker38 extends IdleWorker { }
	@Component("worker39") @Supervised static final class Worker39 extends IdleWorker { }
	@Component("worker40") @Supervised static final class Worker40 extends IdleWorker { }
	@Component("worker41") @Supervised static final class Worker41 extends IdleWorker { }
	@Component("worker42") @Supervised static final class Worker42 extends IdleWorker { }
	@Component("worker43") @Supervised static final class Worker43 extends IdleWorker { }
	@Component("worker44") @Supervised static final class Worker44 extends IdleWorker { }
	@Component("worker45") @Supervised static final class Worker45 extends IdleWorker { }
	@Component("worker46") @Supervised static final class Worker46 extends IdleWorker { }
	@Component("worker47") @Supervised static final class Worker47 extends IdleWorker { }
	@Component("worker48") @Supervised static final class Worker48 extends IdleWorker { }
	@Component("worker49") @Supervised static final class Worker49 extends IdleWorker { }
	@Component("worker50") @Supervised static final class Worker50 extends IdleWorker { }
	@Component("worker51") @Supervised static final class Worker51 extends IdleWorker { }
	@Component("worker52") @Supervised static final class Worker52 extends IdleWorker { }
	@Component("worker53") @Supervised static final class Worker53 extends IdleWorker { }
	@Component("worker54") @Supervised static final class Worker54 extends IdleWorker { }
	@Component("worker55") @Supervised static final class Worker55 extends IdleWorker { }
	@Component("worker56") @Supervised static final class Worker56 extends IdleWorker { }
	@Component("worker57") @Supervised static final class Worker57 extends IdleWorker { }
	@Component("worker58") @Supervised static final class Worker58 extends IdleWorker { }
	@Component("worker59") @Supervised static final class Worker59 extends IdleWorker { }
	@Component("worker60") @Supervised static final class Worker60 extends IdleWorker { }
	@Component("worker61") @Supervised static final class Worker61 extends IdleWorker { }
	@Component("worker62") @Supervised static final class Worker62 extends IdleWorker { }
	@Component("worker63") @Supervised static final class Worker63 extends IdleWorker { }
	@Component("worker64") @Supervised static final class Worker64 extends IdleWorker { }
	@Component("worker65") @Supervised static final class Worker65 extends IdleWorker { }
	@Component("worker66") @Supervised static final class Worker66 extends IdleWorker { }
	@Component("worker67") @Supervised static final class Worker67 extends IdleWorker { }
	@Component("worker68") @Supervised static final class Worker68 extends IdleWorker { }
	@Component("worker69") @Supervised static final class Worker69 extends IdleWorker { }
	@Component("worker70") @Supervised static final class Worker70 extends IdleWorker { }
	@Component("worker71") @Supervised static final class Worker71 extends IdleWorker { }
	@Component("worker72") @Supervised static final class Worker72 extends IdleWorker { }
	@Component("worker73") @Supervised static final class Worker73 extends IdleWorker { }
	@Component("worker74") @Supervised static final class Worker74 extends IdleWorker { }
	@Component("worker75") @Supervised static final class Worker75 extends IdleWorker { }
	@Component("worker76") @Supervised static final class Worker76 extends IdleWorker { }
	@Component("worker77") @Supervised static final class Worker77 extends IdleWorker { }
	@Component("worker78") @Supervised static final class Worker78 extends IdleWorker { }
	@Component("worker79") @Supervised static final class Worker79 extends IdleWorker { }
	@Component("worker80") @Supervised static final class Worker80 extends IdleWorker { }
	@Component("worker81") @Supervised static final class Worker81 extends IdleWorker { }
	@Component("worker82") @Supervised static final class Worker82 extends IdleWorker { }
	@Component("worker83") @Supervised static final class Worker83 extends IdleWorker { }
	@Component("worker84") @Supervised static final class Worker84 extends IdleWorker { }
	@Component("worker85") @Supervised static final class Worker85 extends IdleWorker { }
	@Component("worker86") @Supervised static final class Worker86 extends IdleWorker { }
	@Component("worker87") @Supervised static final class Worker87 extends IdleWorker { }
	@Component("worker88") @Supervised static final class Worker88 extends IdleWorker { }
	@Component("worker89") @Supervised static final class Worker89 extends IdleWorker { }
	@Component("worker90") @Supervised static final class Worker90 extends IdleWorker { }
	@Component("worker91") @Supervised static final class Worker91 extends IdleWorker { }
	@Component("worker92") @Supervised static final class Worker92 extends IdleWorker { }
	@Component("worker93") @Supervised static final class Worker93 extends IdleWorker { }
	@Component("worker94") @Supervised static final class Worker94 extends IdleWorker { }
	@Component("worker95") @Supervised static final class Worker95 extends IdleWorker { }
	@Component("worker96") @Supervised static final class Worker96 extends IdleWorker { }
	@Component("worker97") @Supervised static final class Worker97 extends IdleWorker { }
	@Component("worker98") @Supervised static final class Worker98 extends IdleWorker { }
	@Component("worker99") @Supervised static final class Worker99 extends IdleWorker { }

}
